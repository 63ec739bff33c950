import type { LocalizedText, Role, Tenant } from '@civicline/contracts';
import { systemContext, type RequestContext } from '../platform/auth/context.ts';
import type { Container } from '../container.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedCategories, type DemoSetup } from './demo-categories.ts';
import { demoCitizenInputs, loadDemoCitizens, seedCitizens } from './demo-citizens.ts';
import { seedDemoStatus } from './demo-status.ts';
import { RO_SETUP } from './demo-content/ro-categories.ts';
import { RO_CONTENT } from './demo-content/ro.ts';
import { RU_SETUP } from './demo-content/ru-categories.ts';
import { RU_CONTENT } from './demo-content/ru.ts';
import type { DemoContent } from './demo-content/types.ts';
import { createRng } from './demo-random.ts';

export const DEMO_PASSWORD = 'CivicLine-Demo-2026';

interface DemoTenant {
  tenant: {
    slug: string;
    name: string;
    country: string;
    timeZone: string;
    defaultLanguage: 'ro' | 'ru';
    nationalIdScheme: 'ro_cnp' | 'ru_snils';
  };
  departments: { code: string; parent?: string; name: LocalizedText; email?: string }[];
  users: { email: string; displayName: string; roles: Role[]; locale: 'en' | 'ro' | 'ru'; departments: string[] }[];
  /** Leave of staff, in working days relative to the day of seeding (routing skips absent people). */
  absences?: { email: string; from: number; to: number; reason: string }[];
  /** Days off the country's calendar lacks (decrees moving days off). */
  calendarDays?: { day: string; name: string }[];
  content: DemoContent;
  setup: DemoSetup;
  citizens: { persons: number; organisations: number };
  cases: number;
  /** Seed of the pseudo-random generator: the same demo on every machine. */
  seed: number;
}

const RO: DemoTenant = {
  tenant: {
    slug: 'primaria-demo',
    name: 'Primăria Municipiului Demo',
    country: 'RO',
    timeZone: 'Europe/Bucharest',
    defaultLanguage: 'ro',
    nationalIdScheme: 'ro_cnp',
  },
  departments: [
    { code: 'URB', name: { ro: 'Direcția Urbanism', en: 'Urban Planning' }, email: 'urbanism@primaria-demo.ro' },
    { code: 'URB-AC', parent: 'URB', name: { ro: 'Serviciul Autorizări Construcții', en: 'Building Permits Office' } },
    { code: 'TAX', name: { ro: 'Direcția Taxe și Impozite Locale', en: 'Local Taxes' }, email: 'taxe@primaria-demo.ro' },
    { code: 'SOC', name: { ro: 'Direcția de Asistență Socială', en: 'Social Assistance' }, email: 'social@primaria-demo.ro' },
    { code: 'SPCLEP', name: { ro: 'Serviciul de Stare Civilă și Evidența Persoanelor', en: 'Civil Status' } },
    { code: 'REG', name: { ro: 'Registratura Generală', en: 'Registry' }, email: 'registratura@primaria-demo.ro' },
    { code: 'CC', name: { ro: 'Centrul de Relații cu Cetățenii', en: 'Contact Centre' }, email: 'contact@primaria-demo.ro' },
    { code: 'ADP', name: { ro: 'Direcția Administrarea Domeniului Public', en: 'Public Domain' }, email: 'sesizari@primaria-demo.ro' },
  ],
  users: [
    { email: 'admin@primaria-demo.ro', displayName: 'Andrei Popescu', roles: ['admin'], locale: 'ro', departments: [] },
    { email: 'sef.urbanism@primaria-demo.ro', displayName: 'Elena Ionescu', roles: ['supervisor'], locale: 'ro', departments: ['URB', 'URB-AC'] },
    { email: 'tehnician.urbanism@primaria-demo.ro', displayName: 'Mihai Dumitrescu', roles: ['technician'], locale: 'ro', departments: ['URB-AC'] },
    { email: 'sef.taxe@primaria-demo.ro', displayName: 'Gabriela Stan', roles: ['supervisor'], locale: 'ro', departments: ['TAX'] },
    { email: 'tehnician.taxe@primaria-demo.ro', displayName: 'Radu Constantin', roles: ['technician'], locale: 'ro', departments: ['TAX'] },
    { email: 'asistent.social@primaria-demo.ro', displayName: 'Ioana Marin', roles: ['technician'], locale: 'ro', departments: ['SOC'] },
    { email: 'operator@primaria-demo.ro', displayName: 'Cristina Munteanu', roles: ['operator'], locale: 'ro', departments: ['CC'] },
    { email: 'registratura@primaria-demo.ro', displayName: 'Vasile Georgescu', roles: ['registrar'], locale: 'ro', departments: ['REG'] },
    { email: 'auditor@primaria-demo.ro', displayName: 'Daniela Tudor', roles: ['auditor'], locale: 'en', departments: [] },
    // Heads and staff of the departments the demo's categories route to (least-loaded needs several people).
    { email: 'sef.social@primaria-demo.ro', displayName: 'Carmen Dobre', roles: ['supervisor'], locale: 'ro', departments: ['SOC'] },
    { email: 'sef.relatii@primaria-demo.ro', displayName: 'Marius Neagu', roles: ['supervisor'], locale: 'ro', departments: ['CC', 'REG'] },
    { email: 'sef.domeniu@primaria-demo.ro', displayName: 'Sorin Popa', roles: ['supervisor'], locale: 'ro', departments: ['ADP'] },
    { email: 'arhitect@primaria-demo.ro', displayName: 'Alexandra Vasilescu', roles: ['technician'], locale: 'ro', departments: ['URB'] },
    { email: 'urbanist@primaria-demo.ro', displayName: 'Cosmin Lungu', roles: ['technician'], locale: 'ro', departments: ['URB'] },
    { email: 'autorizari@primaria-demo.ro', displayName: 'Raluca Moldovan', roles: ['technician'], locale: 'ro', departments: ['URB-AC'] },
    { email: 'inspector.taxe@primaria-demo.ro', displayName: 'Simona Barbu', roles: ['technician'], locale: 'ro', departments: ['TAX'] },
    { email: 'consilier.taxe@primaria-demo.ro', displayName: 'Adrian Toma', roles: ['technician'], locale: 'ro', departments: ['TAX'] },
    { email: 'asistent.social2@primaria-demo.ro', displayName: 'Monica Rusu', roles: ['technician'], locale: 'ro', departments: ['SOC'] },
    { email: 'asistent.social3@primaria-demo.ro', displayName: 'Cătălin Dinu', roles: ['technician'], locale: 'ro', departments: ['SOC'] },
    { email: 'arhiva@primaria-demo.ro', displayName: 'Marin Enache', roles: ['technician'], locale: 'ro', departments: ['REG'] },
    { email: 'petitii@primaria-demo.ro', displayName: 'Laura Petrescu', roles: ['technician'], locale: 'ro', departments: ['CC'] },
    { email: 'relatii.publice@primaria-demo.ro', displayName: 'Ionuț Sandu', roles: ['technician'], locale: 'ro', departments: ['CC'] },
    { email: 'inspector.adp@primaria-demo.ro', displayName: 'Florin Stoica', roles: ['technician'], locale: 'ro', departments: ['ADP'] },
    { email: 'dispecer.adp@primaria-demo.ro', displayName: 'Diana Matei', roles: ['technician'], locale: 'ro', departments: ['ADP'] },
    { email: 'teren.adp@primaria-demo.ro', displayName: 'Paul Ciobanu', roles: ['technician'], locale: 'ro', departments: ['ADP'] },
  ],
  // The archivist has been on leave for two weeks: copies asked for since wait for him ("registered").
  absences: [
    { email: 'arhiva@primaria-demo.ro', from: -10, to: 3, reason: 'Concediu de odihnă' },
    { email: 'consilier.taxe@primaria-demo.ro', from: -85, to: -76, reason: 'Concediu de odihnă' },
    { email: 'petitii@primaria-demo.ro', from: -45, to: -41, reason: 'Concediu medical' },
  ],
  content: RO_CONTENT,
  setup: RO_SETUP,
  citizens: { persons: 208, organisations: 12 },
  cases: 2200,
  seed: 20_260_101,
};

const RU: DemoTenant = {
  tenant: {
    slug: 'hotline-demo',
    name: 'Горячая линия Республики (демо)',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    defaultLanguage: 'ru',
    nationalIdScheme: 'ru_snils',
  },
  departments: [
    { code: 'CC', name: { ru: 'Контакт-центр', en: 'Contact Centre' } },
    { code: 'KB', name: { ru: 'Справочная служба', en: 'Consultations' } },
    { code: 'APPEALS', name: { ru: 'Отдел работы с обращениями граждан', en: 'Citizens’ Appeals' } },
    { code: 'REDIRECT', name: { ru: 'Переадресация в ведомства', en: 'Redirection to Agencies' } },
  ],
  users: [
    { email: 'admin@hotline-demo.ru', displayName: 'Ильдар Сафин', roles: ['admin'], locale: 'ru', departments: [] },
    { email: 'supervisor@hotline-demo.ru', displayName: 'Гульнара Хасанова', roles: ['supervisor'], locale: 'ru', departments: ['APPEALS'] },
    { email: 'specialist@hotline-demo.ru', displayName: 'Артём Волков', roles: ['technician'], locale: 'ru', departments: ['APPEALS'] },
    { email: 'operator@hotline-demo.ru', displayName: 'Алсу Галиева', roles: ['operator'], locale: 'ru', departments: ['CC'] },
    { email: 'registrar@hotline-demo.ru', displayName: 'Марат Зиннатуллин', roles: ['registrar'], locale: 'ru', departments: ['APPEALS'] },
    { email: 'auditor@hotline-demo.ru', displayName: 'Ольга Смирнова', roles: ['auditor'], locale: 'ru', departments: [] },
    { email: 'specialist2@hotline-demo.ru', displayName: 'Елена Кузнецова', roles: ['technician'], locale: 'ru', departments: ['APPEALS'] },
    { email: 'specialist3@hotline-demo.ru', displayName: 'Айдар Мухаметзянов', roles: ['technician'], locale: 'ru', departments: ['APPEALS'] },
    { email: 'consultant@hotline-demo.ru', displayName: 'Динара Шайхутдинова', roles: ['technician'], locale: 'ru', departments: ['KB'] },
    { email: 'consultant2@hotline-demo.ru', displayName: 'Руслан Нуриев', roles: ['technician'], locale: 'ru', departments: ['KB'] },
    { email: 'redirect@hotline-demo.ru', displayName: 'Светлана Петрова', roles: ['technician'], locale: 'ru', departments: ['REDIRECT'] },
  ],
  // Days off moved by government decree that date-holidays does not know.
  calendarDays: [
    { day: '2025-12-31', name: 'Выходной день (перенос, постановление Правительства РФ)' },
    { day: '2026-01-09', name: 'Выходной день (перенос, постановление Правительства РФ)' },
    { day: '2026-05-11', name: 'Выходной день (перенос, постановление Правительства РФ)' },
    { day: '2026-12-31', name: 'Выходной день (перенос, постановление Правительства РФ)' },
  ],
  content: RU_CONTENT,
  setup: RU_SETUP,
  citizens: { persons: 76, organisations: 4 },
  cases: 800,
  seed: 20_260_102,
};

export const DEMO_TENANTS = [RO, RU];

export interface DemoLogin {
  tenant: string;
  email: string;
  roles: Role[];
}

/**
 * Creates the demo institutions, or completes them: each part (departments, staff, calendar,
 * categories, citizens, cases) is added only where it is missing, so a second run adds nothing
 * and a run interrupted half-way is finished by the next one. Returns the logins it knows about.
 */
export async function seedDemo(c: Container, log: (msg: string) => void = () => {}): Promise<DemoLogin[]> {
  for (const demo of DEMO_TENANTS) {
    const started = Date.now();
    const existing = await c.tenants.bySlug(demo.tenant.slug);
    const tenant: Tenant = existing ?? (await c.tenants.create(demo.tenant));
    const added = await completeDemoTenant(c, systemContext(tenant.id, 'seed'), demo);
    const parts = Object.entries(added).filter(([, n]) => n > 0);
    if (existing && parts.length === 0) log(`demo institution ${demo.tenant.slug} already exists; left as it is`);
    else log(`demo institution ${demo.tenant.slug} ${existing ? 'completed' : 'created'}: ${parts.map(([k, n]) => `${n} ${k}`).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return existingDemoLogins(c);
}

async function completeDemoTenant(c: Container, ctx: RequestContext, demo: DemoTenant) {
  const added = { departments: 0, staff: 0, absences: 0, 'calendar days': 0, 'registers and categories': 0, citizens: 0, cases: 0, 'timeline entries': 0, 'status-check records': 0 };
  const departments = new Map((await c.departments.list(ctx)).map((d) => [d.code, d.id]));
  for (const d of demo.departments) {
    if (departments.has(d.code)) continue;
    const dept = await c.departments.create(ctx, { code: d.code, name: d.name, parentId: d.parent ? departments.get(d.parent)! : null, email: d.email ?? null });
    departments.set(d.code, dept.id);
    added.departments++;
  }
  // Password hashing (argon2, on libuv's threads) overlaps the citizens' database work.
  const users = new Map((await c.users.list(ctx)).map((u) => [u.email.toLowerCase(), u.id]));
  const staff = (async () => {
    for (const u of demo.users) {
      if (users.has(u.email)) continue;
      const user = await c.users.create(ctx, { email: u.email, displayName: u.displayName, roles: u.roles, locale: u.locale, password: DEMO_PASSWORD, departmentIds: u.departments.map((code) => departments.get(code)!) });
      users.set(u.email, user.id);
      added.staff++;
    }
  })();
  const absences = (async () => {
    await staff;
    const calendar = await c.sla.calendarFor(c.db, ctx.tenantId);
    const today = calendar.workingDayOnOrBefore(await c.sla.localToday(c.db, ctx.tenantId));
    for (const a of demo.absences ?? []) {
      const userId = users.get(a.email)!;
      if ((await c.routing.getWorkload(ctx, userId)).absences.length > 0) continue;
      await c.routing.addAbsence(ctx, userId, { fromDay: calendar.addWorkingDays(today, a.from), toDay: calendar.addWorkingDays(today, a.to), reason: a.reason });
      added.absences++;
    }
  })();
  const citizens = seedCitizens(c, ctx, demoCitizenInputs(createRng(demo.seed), demo.content, demo.tenant.nationalIdScheme, demo.citizens, c.clock.now()));
  const [, , createdCitizens] = await Promise.all([staff, absences, citizens]);
  added.citizens = createdCitizens;
  const days = new Set((await c.sla.listCalendarDays(ctx)).map((d) => d.day));
  for (const d of demo.calendarDays ?? []) {
    if (days.has(d.day)) continue;
    await c.sla.putCalendarDay(ctx, { day: d.day, working: false, name: d.name });
    added['calendar days']++;
  }
  const { seeded, created } = await seedCategories(c, ctx, demo.setup, { departments, users });
  added['registers and categories'] = created;
  const people = await loadDemoCitizens(c, ctx.tenantId, demo.content);
  const result = await seedDemoCases(c, ctx, { content: demo.content, categories: seeded, citizens: people, count: demo.cases, seed: demo.seed + 1 });
  added.cases = result?.cases ?? 0;
  added['timeline entries'] = result?.events ?? 0;
  added['status-check records'] = await seedDemoStatus(c, ctx, { language: demo.tenant.defaultLanguage as 'ro' | 'ru', seed: demo.seed + 2, people: 60 });
  return added;
}

/** The demo logins of demo institutions already in the database (printed at every start). */
export async function existingDemoLogins(c: Container): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const demo of DEMO_TENANTS) {
    if (!(await c.tenants.bySlug(demo.tenant.slug))) continue;
    logins.push(...demo.users.map((u) => ({ tenant: demo.tenant.slug, email: u.email, roles: u.roles })));
  }
  return logins;
}
