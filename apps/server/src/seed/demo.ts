import type { LocalizedText, Role } from '@civicline/contracts';
import { systemContext } from '../platform/auth/context.ts';
import type { Container } from '../container.ts';

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
  ],
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
  ],
};

export const DEMO_TENANTS = [RO, RU];

export interface DemoLogin {
  tenant: string;
  email: string;
  roles: Role[];
}

/** Creates the demo institutions unless they exist. Returns the logins it knows about. */
export async function seedDemo(c: Container, log: (msg: string) => void = () => {}): Promise<DemoLogin[]> {
  for (const demo of DEMO_TENANTS) {
    const existing = await c.tenants.bySlug(demo.tenant.slug);
    if (existing) {
      log(`demo institution ${demo.tenant.slug} already exists; left as it is`);
    } else {
      const tenant = await c.tenants.create(demo.tenant);
      const ctx = systemContext(tenant.id, 'seed');
      const ids = new Map<string, string>();
      for (const d of demo.departments) {
        const dept = await c.departments.create(ctx, {
          code: d.code,
          name: d.name,
          parentId: d.parent ? ids.get(d.parent)! : null,
          email: d.email ?? null,
        });
        ids.set(d.code, dept.id);
      }
      for (const u of demo.users) {
        await c.users.create(ctx, {
          email: u.email,
          displayName: u.displayName,
          roles: u.roles,
          locale: u.locale,
          password: DEMO_PASSWORD,
          departmentIds: u.departments.map((code) => ids.get(code)!),
        });
      }
      log(`demo institution ${demo.tenant.slug} created`);
    }
  }
  return existingDemoLogins(c);
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
