import type { Language } from '@civicline/contracts';
import type { TurnResult } from '../../modules/assistant/index.ts';
import { SPEECH_LOCALE } from '../sms/channel-text.ts';
import { escapeXml } from '../sms/twiml.ts';

/**
 * An engine turn in each voice provider's format. Listening: Twilio's <Gather input="speech dtmf">
 * in the caller's language, falling through to a <Redirect> back to us when nothing was said
 * (the engine then asks again); jambonz's `gather` verb with its `say`. Transfer: the line's
 * queue (Twilio <Enqueue>, jambonz `enqueue`: operators take the call from it, and the console
 * shows what the assistant collected, by the call's id), else the contact centre's number
 * (`dialNumber`), else an apology and hang-up. The words are the engine's.
 */

/** Where a call is put through: the line's provider queue first, else a number or SIP address. */
export interface TransferTarget {
  queue: string | null;
  dial: string | null;
}

export function twimlTurn(turn: TurnResult, opts: { actionUrl: string; transfer: TransferTarget | null; closedText: string }): string {
  const locale = SPEECH_LOCALE[turn.language];
  const says = (texts: string[]) => texts.map((m) => `<Say language="${locale}">${escapeXml(m)}</Say>`).join('');
  const action = escapeXml(opts.actionUrl);
  let body: string;
  if (turn.next === 'listen') {
    body = `<Gather input="speech dtmf" language="${locale}" action="${action}" method="POST" speechTimeout="auto" timeout="6" finishOnKey="#">${says(turn.messages)}</Gather><Redirect method="POST">${action}</Redirect>`;
  } else if (turn.next === 'transfer' && opts.transfer?.queue) {
    // The caller waits in the queue (Twilio's hold music) until an operator dequeues the call.
    body = `${says(turn.messages)}<Enqueue>${escapeXml(opts.transfer.queue)}</Enqueue>`;
  } else if (turn.next === 'transfer' && opts.transfer?.dial) {
    body = `${says(turn.messages)}<Dial timeout="60">${escapeXml(opts.transfer.dial)}</Dial>`;
  } else {
    body = `${says(turn.next === 'transfer' ? [...turn.messages, opts.closedText] : turn.messages)}<Hangup/>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

export type JambonzVerb =
  | { verb: 'gather'; input: ('speech' | 'digits')[]; actionHook: string; timeout: number; finishOnKey: string; recognizer: { vendor: 'default'; language: string }; say: { text: string; synthesizer: { vendor: 'default'; language: string } } }
  | { verb: 'say'; text: string; synthesizer: { vendor: 'default'; language: string } }
  | { verb: 'dial'; target: { type: 'phone' | 'sip'; number?: string; sipUri?: string }[]; timeout: number }
  | { verb: 'enqueue'; name: string }
  | { verb: 'hangup' };

export function jambonzTurn(turn: TurnResult, opts: { actionHook: string; transfer: TransferTarget | null; closedText: string }): JambonzVerb[] {
  const language = SPEECH_LOCALE[turn.language];
  const synthesizer = { vendor: 'default' as const, language };
  const text = turn.messages.join(' ');
  if (turn.next === 'listen') {
    return [{ verb: 'gather', input: ['speech', 'digits'], actionHook: opts.actionHook, timeout: 6, finishOnKey: '#', recognizer: { vendor: 'default', language }, say: { text, synthesizer } }];
  }
  if (turn.next === 'transfer' && opts.transfer?.queue) {
    return [{ verb: 'say', text, synthesizer }, { verb: 'enqueue', name: opts.transfer.queue }];
  }
  const dial = opts.transfer?.dial;
  if (turn.next === 'transfer' && dial) {
    const target = dial.startsWith('sip:') ? { type: 'sip' as const, sipUri: dial } : { type: 'phone' as const, number: dial };
    return [{ verb: 'say', text, synthesizer }, { verb: 'dial', target: [target], timeout: 60 }];
  }
  return [{ verb: 'say', text: turn.next === 'transfer' ? `${text} ${opts.closedText}` : text, synthesizer }, { verb: 'hangup' }];
}

/** A text channel's reply: everything said this turn, in one message. */
export function textTurn(turn: TurnResult): string {
  return turn.messages.join(' ');
}

export type { Language };
