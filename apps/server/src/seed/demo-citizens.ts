/**
 * Demo citizens and organisations, created through the citizen service so that every national
 * identifier is validated, blind-indexed and encrypted exactly as in real use. Persons carry a
 * valid identifier of the institution's scheme (CNP, SNILS); organisations have none (a company's
 * fiscal code is not a personal identifier).
 */
import { CreateCitizenRequest, type Citizen } from '@civicline/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Container } from '../container.ts';
import { generateNationalId, type NationalIdScheme } from '../modules/citizens/index.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { citizenContacts, citizens } from '../platform/db/schema/index.ts';
import type { DemoCitizen } from './demo-case-text.ts';
import type { DemoContent } from './demo-content/types.ts';
import { chance, digits, int, latin, pick, weighted, type Rng } from './demo-random.ts';

type CitizenInput = Parameters<typeof CreateCitizenRequest.parse>[0] & Record<string, unknown>;

function birthDate(r: Rng, today: Date): string {
  const age = int(r, 18, 88);
  const year = today.getUTCFullYear() - age;
  const month = int(r, 1, 12);
  const day = int(r, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function homeAddress(r: Rng, content: DemoContent, label: string) {
  const street = pick(r, content.streets);
  const nr = int(r, 1, 180);
  const flat = chance(r, 0.6) ? int(r, 1, 120) : null;
  const p = content.place;
  return { label, line: content.address(street, nr, flat), locality: p.locality, county: p.county, postalCode: `${p.postalPrefix}${digits(r, 3)}`, country: p.country };
}

const mobile = (r: Rng, content: DemoContent) => `${content.phone.countryCode}${pick(r, content.phone.mobilePrefixes)}${digits(r, content.phone.restDigits)}`;
const clientCode = (r: Rng, content: DemoContent) => (content.language === 'ro' ? `${int(r, 1, 9)}${digits(r, 6)}` : `16${digits(r, 8)}`);

/** The citizen bodies, computed in full before any is written (same seed, same people). */
export function demoCitizenInputs(r: Rng, content: DemoContent, scheme: NationalIdScheme, counts: { persons: number; organisations: number }, today: Date): CitizenInput[] {
  const out: CitizenInput[] = [];
  const ids = new Set<string>();
  const emails = new Set<string>();
  const home = content.language === 'ro' ? 'domiciliu' : 'адрес регистрации';
  for (let i = 0; i < counts.persons; i++) {
    const sex = chance(r, 0.52) ? 'F' : 'M';
    const first = pick(r, sex === 'F' ? content.people.female : content.people.male);
    const maleLast = pick(r, content.people.lastNames);
    const last = sex === 'F' ? content.people.femaleLastName(maleLast) : maleLast;
    const patronymic = content.people.patronymics ? pick(r, content.people.patronymics)[sex === 'F' ? 1 : 0] : null;
    const birth = birthDate(r, today);
    let nationalId = generateNationalId(scheme, r, { birthDate: birth, sex });
    while (ids.has(nationalId)) nationalId = generateNationalId(scheme, r, { birthDate: birth, sex });
    ids.add(nationalId);
    let email = `${latin(first)}.${latin(maleLast)}${chance(r, 0.5) ? int(r, 1, 99) : ''}@${pick(r, content.emailDomains)}`;
    while (emails.has(email)) email = `${latin(first)}.${latin(maleLast)}${int(r, 100, 999)}@${pick(r, content.emailDomains)}`;
    const hasEmail = chance(r, 0.7);
    if (hasEmail) emails.add(email);
    const phones = chance(r, 0.92) ? [mobile(r, content), ...(chance(r, 0.08) ? [mobile(r, content)] : [])] : [];
    out.push({
      kind: 'person',
      firstName: patronymic ? `${first} ${patronymic}` : first,
      lastName: last,
      birthDate: birth,
      nationalId,
      preferredLanguage: content.language === 'ro' && chance(r, 0.03) ? 'en' : content.language,
      preferredChannel: weighted(r, { ...(phones.length ? { sms: 30, phone: 15 } : {}), ...(hasEmail ? { email: 35, portal: 10 } : {}), post: 10 }),
      addresses: [homeAddress(r, content, home), ...(chance(r, 0.1) ? [homeAddress(r, content, content.language === 'ro' ? 'corespondență' : 'для писем')] : [])],
      phones,
      emails: hasEmail ? [email] : [],
      clientCodes: chance(r, content.language === 'ro' ? 0.45 : 0.3) ? [clientCode(r, content)] : [],
      voiceOptOut: chance(r, 0.03),
    });
  }
  const names = [...content.organisations];
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  names.length = Math.min(names.length, counts.organisations);
  for (const name of names) {
    const office = homeAddress(r, content, content.language === 'ro' ? 'sediu social' : 'юридический адрес');
    out.push({
      kind: 'organisation',
      organisationName: name,
      preferredChannel: 'email',
      addresses: [{ ...office, line: office.line.replace(/, (ap|кв)\. \d+$/, '') }],
      phones: [mobile(r, content)],
      emails: [`office@${latin(name).slice(0, 18)}.${pick(r, ['example.com', 'example.org'])}`],
      clientCodes: chance(r, 0.7) ? [clientCode(r, content)] : [],
      voiceOptOut: false,
    });
  }
  return out;
}

/** Creates the demo citizens unless the institution has citizens already; returns how many it created. */
export async function seedCitizens(c: Container, ctx: RequestContext, inputs: CitizenInput[]): Promise<number> {
  const [any] = await c.db.select({ id: citizens.id }).from(citizens).where(eq(citizens.tenantId, ctx.tenantId)).limit(1);
  if (any) return 0;
  const created: Citizen[] = [];
  for (const input of inputs) created.push(await c.citizens.create(ctx, CreateCitizenRequest.parse(input)));
  return created.length;
}

/** The institution's citizens as the case generator needs them (sex from the first name). */
export async function loadDemoCitizens(c: Container, tenantId: string, content: DemoContent): Promise<DemoCitizen[]> {
  const rows = await c.db
    .select()
    .from(citizens)
    .where(eq(citizens.tenantId, tenantId))
    .orderBy(asc(citizens.createdAt), asc(citizens.id));
  const contacts = await c.db.select().from(citizenContacts).where(eq(citizenContacts.tenantId, tenantId));
  const female = new Set(content.people.female);
  return rows
    .filter((row) => !row.mergedIntoId)
    .map((row) => {
      const mine = contacts.filter((k) => k.citizenId === row.id);
      const first = row.firstName?.split(' ')[0] ?? '';
      const line = (row.addresses as { line?: string }[])[0]?.line ?? null;
      const m = line ? /^(.*?)(?: nr\.|, д\.) (\d+)/.exec(line) : null;
      return {
        id: row.id,
        kind: row.kind as DemoCitizen['kind'],
        sex: row.kind === 'person' ? (female.has(first) ? 'F' : 'M') : null,
        formalName: row.kind === 'organisation' || content.language === 'ro' ? row.displayName : `${row.lastName} ${row.firstName}`,
        address: line && m ? { street: m[1]!, nr: Number(m[2]), line } : null,
        hasEmail: mine.some((k) => k.kind === 'email'),
        clientCode: mine.find((k) => k.kind === 'client_code')?.value ?? null,
      };
    });
}
