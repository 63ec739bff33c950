/** TwiML, the XML Twilio reads back: the few verbs CivicLine answers with. */

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export type TwimlVerb =
  | { say: string; language?: string }
  | { message: string }
  | { dial: string; timeoutSeconds?: number; callerId?: string }
  | { enqueue: string }
  | { hangup: true };

export function twiml(verbs: TwimlVerb[] = []): string {
  const body = verbs
    .map((v) => {
      if ('say' in v) return `<Say${v.language ? ` language="${escapeXml(v.language)}"` : ''}>${escapeXml(v.say)}</Say>`;
      if ('message' in v) return `<Message>${escapeXml(v.message)}</Message>`;
      if ('enqueue' in v) return `<Enqueue>${escapeXml(v.enqueue)}</Enqueue>`;
      if ('dial' in v) return `<Dial${v.timeoutSeconds ? ` timeout="${v.timeoutSeconds}"` : ''}${v.callerId ? ` callerId="${escapeXml(v.callerId)}"` : ''}>${escapeXml(v.dial)}</Dial>`;
      return '<Hangup/>';
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${body ? `<Response>${body}</Response>` : '<Response/>'}`;
}
