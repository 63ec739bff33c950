/**
 * The sending fax's number as a fax-to-e-mail gateway (the PBX: Asterisk/FreePBX, HylaFAX, 3CX,
 * a carrier's fax service) reports it: in a header of its own, in the subject ("Fax from +40 21 …",
 * "FAX from 021…", "Fax de la …", "Факс от …") or in the body ("Caller ID: …", "Remote ID: …").
 * Returned as the gateway wrote it, without separators: "+40211234567", "0211234567".
 */
// Digits or parenthesised groups, with at most one separator between them: "+7 (495) 123-45-67".
const NUMBER = String.raw`(\+?(?:\(\d{1,5}\)|\d)(?:[ .\/-]?(?:\(\d{1,5}\)|\d)){4,20})`;

/** Headers that name the sender's number (lower case), most specific first. */
export const FAX_NUMBER_HEADERS = ['x-fax-from', 'x-sender-number', 'x-fax-sender', 'x-fax-callerid', 'x-callerid', 'x-asterisk-callerid', 'x-fax-remote-id', 'x-fax-csid'];

const SUBJECT_PATTERNS = [
  // "Fax from +40…", "New FAX from 021…", "Fax received from "Name" <…>", "Fax de la …", "Fax da …", "Fax từ …", "Факс от …"
  new RegExp(String.raw`(?:fax|facsimile|факс)(?!\p{L}).{0,40}?(?<![\p{L}\p{N}])(?:from|de la|de|da|von|từ|от)(?![\p{L}]).{0,60}?${NUMBER}`, 'iu'),
  // "[FAX] 0211234567 (3 pages)", "Fax 0211234567", "FAX: +40 21 …"
  new RegExp(String.raw`(?:fax|facsimile|факс)(?!\p{L})\W{0,3}${NUMBER}`, 'iu'),
];

const BODY_PATTERNS = [
  new RegExp(String.raw`^\s*(?:caller\s*id|calling\s*number|sender(?:'s)?\s*(?:number|fax)?|from|remote\s*(?:station\s*)?id|csid|fax\s*from|număr\s*expeditor|expeditor|отправитель|номер\s*отправителя|mittente|người\s*gửi)\s*[:=]\s*[^\d+\n]{0,40}?${NUMBER}`, 'imu'),
];

function clean(raw: string): string | null {
  const plus = raw.trim().startsWith('+');
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 17) return null;
  return `${plus ? '+' : ''}${digits}`;
}

export function faxNumberFrom(m: { header(name: string): string | undefined; subject: string | undefined; text: string }): string | null {
  for (const name of FAX_NUMBER_HEADERS) {
    const v = m.header(name);
    const hit = v ? new RegExp(NUMBER, 'u').exec(v) : null;
    const n = hit ? clean(hit[1]!) : null;
    if (n) return n;
  }
  for (const re of SUBJECT_PATTERNS) {
    const hit = m.subject ? re.exec(m.subject) : null;
    const n = hit ? clean(hit[1]!) : null;
    if (n) return n;
  }
  for (const re of BODY_PATTERNS) {
    const hit = re.exec(m.text.slice(0, 4000));
    const n = hit ? clean(hit[1]!) : null;
    if (n) return n;
  }
  return null;
}
