import type { Language } from '@civicline/contracts';
import type { AssistantService } from '../../modules/assistant/index.ts';
import type { PhoneLineRoute } from '../sms/sms.channel.ts';
import { textTurn } from './render.ts';

/**
 * SMS to the assistant: `STATUS PET-2026-000123` (or the word in the caller's language) starts a
 * short dialog, and the sender's next messages continue it while it is open (a birth date, a
 * code, "SMS", "no"). Every other SMS goes to intake as before.
 */
const KEYWORD = /^\s*(status|stare|stadiu|статус|stato|tr[aạ]ng\s*th[aá]i|trangthai)(?![\p{L}\p{N}])[\s:.-]*/iu;

/** The keyword's own language, when only one language uses it ("STATUS" is said in several: the profile or line decides). */
function keywordLanguage(word: string): Language | undefined {
  const w = word.toLowerCase();
  if (w === 'stare' || w === 'stadiu') return 'ro';
  if (w === 'статус') return 'ru';
  if (w === 'stato') return 'it';
  if (w.startsWith('tr')) return 'vi';
  return undefined;
}

export function createSmsAssistant(assistant: AssistantService) {
  /** The reply to send back, or null when the message is not for the assistant. */
  async function reply(line: PhoneLineRoute, from: string, text: string): Promise<string | null> {
    const externalKey = `sms:${line.number}|${from}`;
    const keyword = KEYWORD.exec(text);
    if (!keyword && !(await assistant.isOpen(line.tenantId, 'sms', externalKey))) return null;
    const said = keyword ? text.slice(keyword[0].length) : text;
    const language = keyword ? keywordLanguage(keyword[1]!) : undefined;
    const turn = await assistant.turn({ tenantId: line.tenantId, channel: 'sms', entryPointId: line.id, externalKey, callerKey: from, text: keyword ? `${keyword[1]} ${said}` : said, ...(keyword ? { restart: true } : {}), ...(language ? { language } : {}) });
    return textTurn(turn);
  }
  return { reply };
}

export type SmsAssistant = ReturnType<typeof createSmsAssistant>;
