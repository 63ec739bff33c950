/**
 * The regional hotline's three call groups (seed 002): consultation from the knowledge base,
 * an official appeal under Federal Law 59-FZ, and redirection to the competent agency.
 *
 * Terms: a 59-FZ appeal is answered within 30 days, extendable once by up to 30 (art. 12), and
 * forwarded to the competent body within 7 days (art. 8 part 3); by the agencies' practice a
 * term ending on a non-working day ends on the working day before it.
 */
import { field, options, type DemoCategory, type DemoSetup } from '../demo-categories.ts';
import { chance, int, pick, weighted } from '../demo-random.ts';

const ru = 'ru' as const;
const SUPERVISOR = 'supervisor@hotline-demo.ru';

const FZ59 = { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'previous_working_day', maxExtensionDays: 30, forwardingDays: 7, warnBeforeHours: 72 } as const;

const TOPICS = options(ru, [
  ['zhkh', 'ЖКХ и тарифы', 'Housing and utilities'],
  ['roads', 'Дороги и транспорт', 'Roads and transport'],
  ['health', 'Здравоохранение', 'Health care'],
  ['education', 'Образование', 'Education'],
  ['social', 'Социальная поддержка', 'Social support'],
  ['land', 'Земля и имущество', 'Land and property'],
  ['ecology', 'Экология и благоустройство', 'Environment and public spaces'],
  ['employment', 'Труд и занятость', 'Work and employment'],
  ['other', 'Другое', 'Other'],
]);
const TOPIC_WEIGHTS = { zhkh: 30, roads: 14, health: 14, education: 8, social: 14, land: 6, ecology: 8, employment: 6 };

const consultation: DemoCategory = {
  code: 'CONSULT',
  group: 'hotline',
  name: { ru: 'Консультация', en: 'Consultation' },
  description: { ru: 'Ответ на вопрос по базе знаний во время звонка.', en: 'An answer from the knowledge base during the call.' },
  fields: [
    field(ru, 'topic', 'select', 'Тема обращения', 'Topic', { options: TOPICS }),
    field(ru, 'kb_article', 'text', 'Статья базы знаний', 'Knowledge base article', { required: false, pattern: 'КБ-\\d{4}' }),
    field(ru, 'satisfied', 'boolean', 'Заявитель удовлетворён ответом', 'Caller satisfied with the answer', { required: false }),
  ],
  deadline: { unit: 'working_days', amount: 1, endOnNonWorkingDay: 'previous_working_day', maxExtensionDays: 0, forwardingDays: 7, warnBeforeHours: 4 },
  department: 'KB',
  register: 'KN',
  routing: { strategy: 'least_loaded', supervisors: [SUPERVISOR] },
  instant: true,
  disclosureLevel: 'L1',
  allowAnonymous: true,
  demo: {
    weight: 45,
    channels: { phone: 85, chat: 10, web: 5 },
    outcomes: { closed: 83, resolved: 4, withdrawn: 2, reopened: 1.5, stalled: 4, draft: 3, rejected: 1 },
    anonymous: 0.3,
    stallAt: { assigned: 2, in_progress: 3, resolution_proposed: 1 },
    values: (h) => ({
      topic: weighted(h.r, TOPIC_WEIGHTS),
      ...(chance(h.r, 0.6) ? { kb_article: `КБ-${String(int(h.r, 1, 480)).padStart(4, '0')}` } : {}),
      ...(chance(h.r, 0.7) ? { satisfied: chance(h.r, 0.9) } : {}),
    }),
  },
};

const MUNICIPALITIES = options(ru, [
  ['kazan', 'г. Казань', 'Kazan'],
  ['chelny', 'г. Набережные Челны', 'Naberezhnye Chelny'],
  ['nizhnekamsk', 'Нижнекамский район', 'Nizhnekamsk district'],
  ['almetyevsk', 'Альметьевский район', 'Almetyevsk district'],
  ['zelenodolsk', 'Зеленодольский район', 'Zelenodolsk district'],
  ['elabuga', 'Елабужский район', 'Yelabuga district'],
  ['chistopol', 'Чистопольский район', 'Chistopol district'],
  ['other', 'Другой район', 'Other district'],
]);

const appeal: DemoCategory = {
  code: 'APPEAL',
  group: 'hotline',
  name: { ru: 'Официальное обращение (59-ФЗ)', en: 'Official appeal (59-FZ)' },
  description: { ru: 'Предложение, заявление или жалоба гражданина, зарегистрированные по Федеральному закону № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации».', en: "A citizen's proposal, application or complaint registered under Federal Law 59-FZ." },
  fields: [
    field(ru, 'topic', 'select', 'Тема обращения', 'Topic', { options: TOPICS }),
    field(ru, 'appeal_kind', 'select', 'Вид обращения', 'Kind of appeal', {
      options: options(ru, [
        ['proposal', 'Предложение', 'Proposal'],
        ['application', 'Заявление', 'Application'],
        ['complaint', 'Жалоба', 'Complaint'],
      ]),
    }),
    field(ru, 'answer_channel', 'select', 'Способ получения ответа', 'Answer by', {
      options: options(ru, [
        ['post', 'Письменно по почтовому адресу', 'Letter to the postal address'],
        ['email', 'В форме электронного документа', 'Electronic document by e-mail'],
      ]),
    }),
    field(ru, 'municipality', 'select', 'Муниципальное образование', 'Municipality', { options: MUNICIPALITIES }),
    field(ru, 'collective', 'boolean', 'Коллективное обращение', 'Collective appeal', { required: false }),
    field(ru, 'repeated', 'boolean', 'Повторное обращение', 'Repeated appeal', { required: false }),
  ],
  deadline: FZ59,
  department: 'APPEALS',
  register: 'OG',
  routing: { strategy: 'least_loaded', supervisors: [SUPERVISOR] },
  sendSms: true,
  disclosureLevel: 'L1',
  demo: {
    weight: 35,
    channels: { phone: 45, web: 25, email: 15, post: 10, registry: 5 },
    outcomes: { closed: 51, resolved: 8, rejected: 7, redirected: 10, withdrawn: 4, reopened: 4, stalled: 13, draft: 3 },
    location: 0.3,
    properNames: ['municipality'],
    returnMethod: (values) => (values.answer_channel === 'email' ? 'online' : 'post'),
    agencies: ['gzhi', 'rospotrebnadzor', 'minzdrav', 'sfr', 'rosreestr', 'prokuratura'],
    stallAt: { assigned: 2, in_progress: 5, suspended: 2, resolution_proposed: 3 },
    values: (h) => ({
      topic: weighted(h.r, TOPIC_WEIGHTS),
      appeal_kind: weighted(h.r, { complaint: 55, application: 35, proposal: 10 }),
      answer_channel: h.hasEmail && chance(h.r, 0.6) ? 'email' : 'post',
      municipality: weighted(h.r, { kazan: 62, chelny: 10, nizhnekamsk: 6, almetyevsk: 5, zelenodolsk: 6, elabuga: 4, chistopol: 3, other: 4 }),
      ...(chance(h.r, 0.1) ? { collective: true } : {}),
      ...(chance(h.r, 0.08) ? { repeated: true } : {}),
    }),
  },
};

const AGENCIES = options(ru, [
  ['gzhi', 'Госжилинспекция РТ', 'State Housing Inspectorate'],
  ['rospotrebnadzor', 'Роспотребнадзор', 'Consumer protection'],
  ['mvd', 'МВД по РТ', 'Police'],
  ['minzdrav', 'Минздрав РТ', 'Ministry of Health'],
  ['sfr', 'Социальный фонд России', 'Social Fund'],
  ['rosreestr', 'Росреестр', 'Land registry'],
  ['fns', 'ФНС России', 'Tax service'],
  ['prokuratura', 'Прокуратура РТ', "Prosecutor's office"],
]);
const AGENCY_TOPIC: Record<string, string> = { gzhi: 'zhkh', rospotrebnadzor: 'other', mvd: 'other', minzdrav: 'health', sfr: 'social', rosreestr: 'land', fns: 'other', prokuratura: 'other' };

const redirection: DemoCategory = {
  code: 'REDIRECT',
  group: 'hotline',
  name: { ru: 'Переадресация в ведомство', en: 'Redirection to an agency' },
  description: { ru: 'Вопрос вне компетенции органа: звонящему сообщают, куда обратиться, обращение переадресуется в течение 7 дней.', en: 'Outside our remit: the caller is told where to turn, and the request is forwarded within 7 days.' },
  fields: [
    field(ru, 'agency', 'select', 'Ведомство', 'Agency', { options: AGENCIES }),
    field(ru, 'topic', 'select', 'Тема обращения', 'Topic', { options: TOPICS }),
  ],
  deadline: { unit: 'calendar_days', amount: 7, endOnNonWorkingDay: 'previous_working_day', maxExtensionDays: 0, forwardingDays: 7, warnBeforeHours: 48 },
  department: 'REDIRECT',
  register: 'PA',
  routing: { strategy: 'manual', supervisors: [SUPERVISOR] },
  disclosureLevel: 'L1',
  allowAnonymous: true,
  demo: {
    weight: 20,
    channels: { phone: 90, chat: 10 },
    outcomes: { redirected: 79, closed: 5, withdrawn: 3, rejected: 2, stalled: 8, draft: 3 },
    anonymous: 0.25,
    agencyField: 'agency',
    properNames: ['agency'],
    stallAt: { registered: 4, assigned: 1, in_progress: 1 },
    values: (h) => {
      const agency = pick(h.r, AGENCIES).value;
      return { agency, topic: AGENCY_TOPIC[agency]! };
    },
  },
};

export const RU_SETUP: DemoSetup = {
  registers: [
    { code: 'KN', name: { ru: 'Журнал консультаций', en: 'Consultations' }, format: 'КН-{year}-{seq:6}' },
    { code: 'OG', name: { ru: 'Журнал регистрации обращений граждан', en: 'Citizens’ appeals' }, format: 'ОГ-{year}-{seq:6}' },
    { code: 'PA', name: { ru: 'Журнал переадресации', en: 'Redirections' }, format: 'ПА-{year}-{seq:5}' },
  ],
  categories: [consultation, appeal, redirection],
};
