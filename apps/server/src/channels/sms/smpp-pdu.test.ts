import { describe, expect, it } from 'vitest';
import { concatInfo, concatUdh, formatDeliveryReceipt, parseDeliveryReceipt } from './smpp-pdu.ts';

describe('SMPP delivery receipts and concatenation', () => {
  it('reads the SMPP 3.4 Appendix B receipt text', () => {
    const text = 'id:0123456789 sub:001 dlvrd:001 submit date:2603021000 done date:2603021001 stat:DELIVRD err:000 text:Cererea dvs. a fost';
    expect(parseDeliveryReceipt(text)).toEqual({ messageId: '0123456789', stat: 'DELIVRD', err: '000', outcome: 'delivered' });
    expect(parseDeliveryReceipt(text.replace('DELIVRD', 'UNDELIV').replace('err:000', 'err:034'))).toMatchObject({ outcome: 'failed', err: '034' });
    expect(parseDeliveryReceipt(text.replace('DELIVRD', 'EXPIRED'))).toMatchObject({ outcome: 'failed' });
    expect(parseDeliveryReceipt(text.replace('DELIVRD', 'ENROUTE'))).toMatchObject({ outcome: 'pending' });
    expect(parseDeliveryReceipt('hello, this is not a receipt')).toBeNull();
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    expect(parseDeliveryReceipt('id:abc stat:DELIVRD', { receiptedMessageId: 'XYZ', messageState: 5 })).toMatchObject({ messageId: 'XYZ', stat: 'UNDELIV', outcome: 'failed' });
  });

  it('writes what it reads', () => {
    const text = formatDeliveryReceipt({ messageId: 'm-1', stat: 'DELIVRD', submitted: new Date(), done: new Date(), text: 'hello' });
    expect(parseDeliveryReceipt(text)).toMatchObject({ messageId: 'm-1', outcome: 'delivered' });
  });

  it('builds and reads the concatenation header', () => {
    const udh = concatUdh(300, 3, 2);
    expect([...udh]).toEqual([0x05, 0x00, 0x03, 44, 3, 2]);
    expect(concatInfo([udh.subarray(1)])).toEqual({ reference: 44, total: 3, part: 2 });
    expect(concatInfo([Buffer.from([0x08, 4, 0x01, 0x02, 2, 1])])).toEqual({ reference: 258, total: 2, part: 1 });
    expect(concatInfo(undefined)).toBeNull();
  });
});
