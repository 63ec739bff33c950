/**
 * Words of one demo case: its subject and description from the language pack's templates,
 * filled with the citizen, the place and the values of its custom fields, and the answer
 * staff propose at the end.
 */
import type { DemoCategory } from './demo-categories.ts';
import { optionText } from './demo-categories.ts';
import type { CategoryTexts, DemoContent } from './demo-content/types.ts';
import { chance, fill, pick, type Rng } from './demo-random.ts';

export interface DemoCitizen {
  id: string;
  kind: 'person' | 'organisation';
  sex: 'M' | 'F' | null;
  /** As it is written in a letter: "Ion Popescu", "Иванов Сергей Петрович", "SC Construct Nord SRL". */
  formalName: string;
  address: { street: string; nr: number; line: string } | null;
  hasEmail: boolean;
  clientCode: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: 'ro' | 'ru'): Intl.NumberFormat {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.NumberFormat(lang === 'ro' ? 'ro-RO' : 'ru-RU', { maximumFractionDigits: 2 })));
  return f;
}

/** Field values as they read in a sentence: option labels, numbers and dates in the local format. */
export function fieldVars(def: DemoCategory, values: Record<string, unknown>, content: DemoContent): Record<string, string> {
  const lang = content.language;
  const numbers = numberFormat(lang);
  const out: Record<string, string> = {};
  for (const f of def.fields) {
    const v = values[f.key];
    if (v === undefined || v === null) continue;
    if (f.type === 'select') out[f.key] = optionText(def, f.key, v, lang);
    else if (typeof v === 'number') out[f.key] = numbers.format(v);
    else if (typeof v === 'string' && DATE.test(v)) out[f.key] = `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`;
    else out[f.key] = String(v);
  }
  return out;
}

/**
 * The texts for this case. Where the category's deciding field has its own texts, subjects, bodies
 * and answers of the same position belong together (a subject about a pothole, a body about that
 * pothole, the answer that fixes it); now and then a general subject of the category is used.
 */
function choose(r: Rng, texts: CategoryTexts, values: Record<string, unknown>): { subject: string; body: string; answers: string[] } {
  const opt = texts.byOption;
  const pool = opt ? opt.pools[String(values[opt.field])] : undefined;
  if (!pool) return { subject: pick(r, texts.subjects), body: pick(r, texts.bodies), answers: texts.answers };
  const paired = pool.subjects.length === pool.bodies.length;
  const i = Math.floor(r() * pool.bodies.length);
  const subject = texts.subjects.length > 0 && chance(r, 0.3) ? pick(r, texts.subjects) : paired ? pool.subjects[i]! : pick(r, pool.subjects);
  const answers = pool.answers && pool.answers.length === pool.bodies.length ? [pool.answers[i]!] : (pool.answers ?? texts.answers);
  return { subject, body: pool.bodies[i]!, answers };
}

export function caseText(
  r: Rng,
  input: { content: DemoContent; def: DemoCategory; values: Record<string, unknown>; vars: Record<string, string | number>; citizen: DemoCitizen | null; channel: string },
): { subject: string; description: string; answers: string[] } {
  const { content, def, values, vars, citizen, channel } = input;
  const texts = content.categories[def.code];
  if (!texts) throw new Error(`demo content has no texts for ${def.code}`);
  const chosen = choose(r, texts, values);
  const subject = fill(chosen.subject, vars);
  const body = fill(chosen.body, vars);
  if (texts.style === 'note') return { subject, description: body, answers: chosen.answers };
  const o = content.openings;
  const openings = channel === 'phone' ? o.phone : !citizen ? o.anonymous : citizen.kind === 'organisation' ? o.organisation : citizen.sex === 'F' ? o.female : o.male;
  const parts = [fill(pick(r, openings), vars), body];
  // An anonymous sender signs nothing and expects no answer.
  if (citizen && chance(r, 0.6)) parts.push(fill(pick(r, content.closings), vars));
  return {
    subject: subject.length > 300 ? subject.slice(0, 297) + '…' : subject,
    description: parts.join(channel === 'email' || channel === 'post' ? '\n\n' : ' '),
    answers: chosen.answers,
  };
}

/**
 * The answer staff propose: one of the case's answers, and how the result reaches the citizen
 * (not for a call note: the caller heard the answer on the line).
 */
export function answerText(
  r: Rng,
  input: { content: DemoContent; code: string; answers: string[]; vars: Record<string, string | number>; returnMethod: 'in_person' | 'post' | 'online' },
): string {
  const answer = fill(pick(r, input.answers), input.vars);
  if (input.content.categories[input.code]?.style === 'note') return answer;
  return `${answer} ${pick(r, input.content.returnSentence[input.returnMethod])}`;
}
