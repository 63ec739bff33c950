import type { Language } from '@civicline/contracts';
import { assistantText, type AssistantService, type TurnResult } from '../../modules/assistant/index.ts';
import type { IntakeService } from '../../modules/intake/index.ts';
import { channelText } from '../sms/channel-text.ts';
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

export function createSmsAssistant(deps: { assistant: AssistantService; intake: Pick<IntakeService, 'receive'>; now: () => Date; logError: (err: unknown, msg: string) => void }) {
  const { assistant, intake, now } = deps;
  /**
   * A citizen who asks for an operator by SMS is called back: intake opens the operators' draft in
   * their name with what the dialog covered (once per conversation). A line without a category
   * cannot hold a draft, and then the citizen is told to call instead of being promised a call.
   */
  async function handOver(line: PhoneLineRoute, from: string, turn: TurnResult): Promise<boolean> {
    try {
      return await openCallbackDraft(line, from, turn);
    } catch (err) {
      // The dialog's turn is committed: the citizen is told to call rather than get an error.
      deps.logError(err, 'the call-back draft of an SMS conversation could not be opened');
      return false;
    }
  }

  async function openCallbackDraft(line: PhoneLineRoute, from: string, turn: TurnResult): Promise<boolean> {
    const h = turn.handover!;
    const language = (line.language ?? turn.language) as Language;
    const outcome = await intake.receive({
      tenantId: line.tenantId,
      channel: 'sms',
      externalId: `assistant:${turn.conversationId}`,
      receivedAt: now(),
      from: { phone: from, language: turn.language },
      to: line.number,
      subject: channelText(language, 'callbackSubject', { number: from }),
      text: channelText(language, 'callbackText', { line: line.name || line.number, reference: h.reference ?? '-', answer: h.answer ?? '-', log: h.log.join(', ') }),
      route: { categoryId: line.categoryId, departmentId: line.departmentId, acknowledge: false },
      draft: true,
    });
    return outcome.outcome !== 'ignored';
  }

  /** The reply to send back, or null when the message is not for the assistant. */
  async function reply(line: PhoneLineRoute, from: string, text: string): Promise<string | null> {
    const externalKey = `sms:${line.number}|${from}`;
    const keyword = KEYWORD.exec(text);
    if (!keyword && !(await assistant.isOpen(line.tenantId, 'sms', externalKey))) return null;
    const said = keyword ? text.slice(keyword[0].length) : text;
    const language = keyword ? keywordLanguage(keyword[1]!) : undefined;
    const turn = await assistant.turn({ tenantId: line.tenantId, channel: 'sms', entryPointId: line.id, externalKey, callerKey: from, text: keyword ? `${keyword[1]} ${said}` : said, ...(keyword ? { restart: true } : {}), ...(language ? { language } : {}) });
    if (turn.next === 'transfer' && !(await handOver(line, from, turn))) {
      return textTurn({ ...turn, messages: [...turn.messages.slice(0, -1), assistantText(turn.language, 'noCallback')] });
    }
    return textTurn(turn);
  }
  return { reply };
}

export type SmsAssistant = ReturnType<typeof createSmsAssistant>;
