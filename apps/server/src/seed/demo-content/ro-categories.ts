/**
 * The Romanian city hall's procedures (seeds 000 and 001): registers with their number formats,
 * categories with their custom fields, legal terms, routing and flags.
 *
 * Terms: petitions, complaints and payment disputes follow OG 27/2002 (30 calendar days, one
 * extension of at most 15, misdirected petitions forwarded within 5 days, a term ending on a
 * non-working day moves to the next working day); the urbanism certificate 15 days and the
 * building permit 30 days (Law 50/1991); the fiscal certificate 2 working days (Fiscal Procedure
 * Code); social aid 30 days.
 */
import { field, options, type DemoCategory, type DemoSetup } from '../demo-categories.ts';
import { chance, digits, int, pick, weighted } from '../demo-random.ts';

const ro = 'ro' as const;
const SEF_URB = 'sef.urbanism@primaria-demo.ro';
const SEF_TAX = 'sef.taxe@primaria-demo.ro';
const SEF_SOC = 'sef.social@primaria-demo.ro';
const SEF_REL = 'sef.relatii@primaria-demo.ro';
const SEF_ADP = 'sef.domeniu@primaria-demo.ro';

const OG27 = { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 } as const;
const days = (amount: number, warnBeforeHours = 72) => ({ ...OG27, amount, maxExtensionDays: 0, warnBeforeHours });

const CADASTRAL = '\\d{5,7}';
const ROL = '\\d{7}';
const cadastral = (h: { r: () => number }) => `${int(h.r, 1, 9)}${digits(h.r, int(h.r, 4, 6))}`;
const rol = (h: { r: () => number; clientCode: string | null }) => h.clientCode ?? `${int(h.r, 1, 9)}${digits(h.r, 6)}`;

const URB_PURPOSES = options(ro, [
  ['construire', 'Construire locuință / clădire nouă', 'New building'],
  ['extindere', 'Extindere / mansardare', 'Extension / loft'],
  ['alipire', 'Alipire / dezmembrare teren', 'Merging / dividing land'],
  ['notariat', 'Vânzare / succesiune la notar', 'Sale / inheritance'],
  ['racorduri', 'Racorduri la utilități', 'Utility connections'],
  ['desfiintare', 'Desființare construcție', 'Demolition'],
]);

const urbanism: DemoCategory = {
  code: 'URB_CU',
  group: 'urbanism',
  name: { ro: 'Certificat de urbanism', en: 'Urbanism certificate' },
  description: { ro: 'Informează asupra regimului juridic, economic și tehnic al unui imobil și stabilește avizele necesare.', en: 'The legal, economic and technical regime of a property and the approvals a project needs.' },
  fields: [
    field(ro, 'cadastral_number', 'text', 'Număr cadastral', 'Cadastral number', { pattern: CADASTRAL }),
    field(ro, 'land_address', 'text', 'Adresa terenului', 'Address of the land', { max: 300 }),
    field(ro, 'purpose', 'select', 'Scopul solicitării', 'Purpose', { options: URB_PURPOSES }),
    field(ro, 'area_sqm', 'number', 'Suprafața terenului (m²)', 'Land area (m²)', { min: 1, max: 1_000_000 }),
    field(ro, 'land_book', 'text', 'Număr carte funciară', 'Land book number', { required: false, pattern: CADASTRAL }),
  ],
  deadline: days(15),
  department: 'URB',
  register: 'URB',
  routing: { strategy: 'least_loaded', supervisors: [SEF_URB] },
  sendSms: true,
  disclosureLevel: 'L1',
  demo: {
    weight: 12,
    channels: { registry: 35, walk_in: 15, web: 30, email: 15, post: 5 },
    outcomes: { closed: 66, resolved: 10, rejected: 5, withdrawn: 4, reopened: 2, stalled: 8, draft: 2 },
    organisations: 0.1,
    values: (h) => {
      const nr = cadastral(h);
      return { cadastral_number: nr, land_address: h.place.address, purpose: pick(h.r, URB_PURPOSES).value, area_sqm: int(h.r, 25, 300) * 10, ...(chance(h.r, 0.6) ? { land_book: nr } : {}) };
    },
  },
};

const CONSTRUCTION = options(ro, [
  ['locuinta', 'Locuință individuală', 'Single-family house'],
  ['bloc', 'Bloc de locuințe', 'Block of flats'],
  ['comercial', 'Spațiu comercial', 'Commercial space'],
  ['anexa', 'Anexă gospodărească', 'Outbuilding'],
  ['imprejmuire', 'Împrejmuire', 'Fence'],
  ['mansardare', 'Mansardare / supraetajare', 'Loft / extra storey'],
  ['hala', 'Hală de producție / depozit', 'Industrial hall / warehouse'],
]);

const permit: DemoCategory = {
  code: 'URB_AC',
  group: 'urbanism',
  name: { ro: 'Autorizație de construire', en: 'Building permit' },
  description: { ro: 'Autorizarea executării lucrărilor de construire, pe baza certificatului de urbanism și a documentației tehnice (DTAC).', en: 'Permission to build, based on the urbanism certificate and the technical documentation.' },
  fields: [
    field(ro, 'cu_number', 'text', 'Număr certificat de urbanism', 'Urbanism certificate number', { pattern: 'URB-\\d{4}-\\d{5}' }),
    field(ro, 'construction_type', 'select', 'Tipul construcției', 'Construction type', { options: CONSTRUCTION }),
    field(ro, 'estimated_value', 'number', 'Valoarea estimată a lucrărilor (lei)', 'Estimated value (lei)', { min: 1000, max: 500_000_000 }),
    field(ro, 'built_area_sqm', 'number', 'Suprafața construită desfășurată (m²)', 'Gross floor area (m²)', { min: 1, max: 200_000 }),
    field(ro, 'cadastral_number', 'text', 'Număr cadastral', 'Cadastral number', { pattern: CADASTRAL }),
    field(ro, 'has_project', 'boolean', 'Proiect tehnic verificat anexat', 'Verified technical project attached', { required: false }),
    field(ro, 'start_date', 'date', 'Data estimată de începere', 'Planned start date', { required: false }),
  ],
  deadline: days(30),
  department: 'URB-AC',
  register: 'AC',
  routing: { strategy: 'least_loaded', supervisors: [SEF_URB] },
  sendSms: true,
  disclosureLevel: 'L1',
  demo: {
    weight: 7,
    channels: { registry: 50, web: 30, email: 10, post: 10 },
    outcomes: { closed: 62, resolved: 10, rejected: 7, withdrawn: 5, reopened: 2, stalled: 12, draft: 2 },
    organisations: 0.35,
    stallAt: { in_progress: 4, suspended: 4, resolution_proposed: 1, assigned: 1 },
    values: (h) => ({
      cu_number: `URB-${h.year - int(h.r, 0, 1)}-${String(int(h.r, 1, 2400)).padStart(5, '0')}`,
      construction_type: weighted(h.r, { locuinta: 45, bloc: 5, comercial: 10, anexa: 12, imprejmuire: 12, mansardare: 10, hala: 6 }),
      estimated_value: int(h.r, 50, 4000) * 500,
      built_area_sqm: int(h.r, 40, 900),
      cadastral_number: cadastral(h),
      ...(chance(h.r, 0.8) ? { has_project: true } : {}),
      ...(chance(h.r, 0.5) ? { start_date: h.dateAfter(45, 240) } : {}),
    }),
  },
};

const FISC_PURPOSES = options(ro, [
  ['notar', 'Vânzare / succesiune la notar', 'Sale / inheritance at the notary'],
  ['auto', 'Înmatriculare / radiere vehicul', 'Vehicle registration'],
  ['licitatie', 'Participare la licitație publică', 'Public tender'],
  ['banca', 'Dosar de credit bancar', 'Bank loan'],
  ['altele', 'Alte situații', 'Other'],
]);

const fiscal: DemoCategory = {
  code: 'FISC_CERT',
  group: 'taxe',
  name: { ro: 'Certificat de atestare fiscală', en: 'Fiscal certificate' },
  description: { ro: 'Atestă obligațiile de plată față de bugetul local (impozite și taxe locale).', en: 'States what is owed in local taxes.' },
  fields: [
    field(ro, 'purpose', 'select', 'Scopul certificatului', 'Purpose', { options: FISC_PURPOSES }),
    field(ro, 'client_code', 'text', 'Cod rol fiscal', 'Tax account code', { pattern: ROL }),
    field(ro, 'copies', 'number', 'Număr de exemplare', 'Copies', { required: false, min: 1, max: 5 }),
  ],
  deadline: { unit: 'working_days', amount: 2, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 0, forwardingDays: 5, warnBeforeHours: 8 },
  department: 'TAX',
  register: 'FISC',
  routing: { strategy: 'least_loaded', supervisors: [SEF_TAX] },
  sendSms: true,
  disclosureLevel: 'L2',
  demo: {
    weight: 15,
    channels: { walk_in: 40, web: 35, email: 20, registry: 5 },
    outcomes: { closed: 78, resolved: 8, rejected: 2, withdrawn: 3, reopened: 1, stalled: 4, draft: 2 },
    organisations: 0.05,
    values: (h) => ({ purpose: weighted(h.r, { notar: 45, auto: 25, licitatie: 8, banca: 12, altele: 10 }), client_code: rol(h), ...(chance(h.r, 0.4) ? { copies: int(h.r, 1, 3) } : {}) }),
  },
};

const PAY_PROBLEMS = options(ro, [
  ['neinregistrata', 'Plată neînregistrată', 'Payment not recorded'],
  ['dubla', 'Plată efectuată de două ori', 'Paid twice'],
  ['suma_gresita', 'Sumă calculată greșit', 'Wrong amount'],
  ['penalitati', 'Penalități contestate', 'Disputed penalties'],
  ['restituire', 'Cerere de restituire', 'Refund request'],
]);
const PAY_METHODS = options(ro, [
  ['ghiseul', 'Ghișeul.ro', 'Ghișeul.ro'],
  ['card_online', 'Card online pe site-ul primăriei', 'Card on the city hall site'],
  ['ordin', 'Ordin de plată bancar', 'Bank transfer'],
  ['numerar', 'Numerar la casierie', 'Cash at the desk'],
  ['pos', 'Card bancar la ghișeu (POS)', 'Card at the desk'],
]);

const payment: DemoCategory = {
  code: 'PAY',
  group: 'taxe',
  name: { ro: 'Problemă de plată', en: 'Payment problem' },
  description: { ro: 'Plăți neînregistrate, duble sau greșite, penalități și restituiri (plati@primaria-demo.ro).', en: 'Payments not recorded, paid twice or wrong, penalties and refunds.' },
  fields: [
    field(ro, 'problem_type', 'select', 'Tipul problemei', 'Problem', { options: PAY_PROBLEMS }),
    field(ro, 'client_code', 'text', 'Cod rol fiscal', 'Tax account code', { pattern: ROL }),
    field(ro, 'invoice_number', 'text', 'Număr document de plată', 'Payment document number', { pattern: '[A-Z]{2,4}-\\d{6}' }),
    field(ro, 'amount', 'number', 'Suma (lei)', 'Amount (lei)', { min: 0.01, max: 10_000_000 }),
    field(ro, 'payment_date', 'date', 'Data plății', 'Payment date'),
    field(ro, 'payment_method', 'select', 'Modalitatea de plată', 'Paid by', { options: PAY_METHODS }),
  ],
  deadline: OG27,
  department: 'TAX',
  register: 'PLT',
  routing: { strategy: 'least_loaded', supervisors: [SEF_TAX] },
  sendSms: true,
  disclosureLevel: 'L2',
  demo: {
    weight: 10,
    channels: { email: 40, web: 25, phone: 25, registry: 10 },
    outcomes: { closed: 64, resolved: 8, rejected: 5, withdrawn: 5, reopened: 3, stalled: 9, draft: 2 },
    organisations: 0.05,
    values: (h) => ({
      problem_type: weighted(h.r, { neinregistrata: 40, dubla: 15, suma_gresita: 15, penalitati: 20, restituire: 10 }),
      client_code: rol(h),
      invoice_number: `${pick(h.r, ['DITL', 'CHT', 'OP', 'GRO'])}-${digits(h.r, 6)}`,
      amount: Math.round((20 + h.r() * 3500) * 100) / 100,
      payment_date: h.dateBefore(3, 90),
      payment_method: weighted(h.r, { ghiseul: 40, card_online: 20, ordin: 15, numerar: 15, pos: 10 }),
    }),
  },
};

const AID_TYPES = options(ro, [
  ['vmi', 'Venit minim de incluziune', 'Minimum inclusion income'],
  ['incalzire', 'Ajutor pentru încălzirea locuinței', 'Heating aid'],
  ['urgenta', 'Ajutor de urgență', 'Emergency aid'],
  ['cantina', 'Cantină socială', 'Social canteen'],
  ['ingrijire', 'Îngrijire la domiciliu', 'Home care'],
]);
const HEATING = options(ro, [
  ['gaze', 'Gaze naturale', 'Natural gas'],
  ['energie', 'Energie electrică', 'Electricity'],
  ['lemne', 'Lemne, cărbuni', 'Wood, coal'],
  ['termoficare', 'Termoficare', 'District heating'],
]);

const socialAid: DemoCategory = {
  code: 'SOC',
  group: 'social',
  name: { ro: 'Ajutor social', en: 'Social aid' },
  description: { ro: 'Venit minim de incluziune, ajutor pentru încălzire, ajutoare de urgență, cantină socială, îngrijire la domiciliu.', en: 'Minimum income, heating aid, emergency aid, social canteen, home care.' },
  fields: [
    field(ro, 'aid_type', 'select', 'Tipul ajutorului', 'Aid type', { options: AID_TYPES }),
    field(ro, 'household_members', 'number', 'Număr de membri ai familiei', 'Household members', { min: 1, max: 20 }),
    field(ro, 'monthly_income', 'number', 'Venitul net lunar al familiei (lei)', 'Net monthly household income (lei)', { min: 0, max: 100_000 }),
    field(ro, 'heating', 'select', 'Sistemul de încălzire', 'Heating', { required: false, options: HEATING }),
    field(ro, 'disability', 'boolean', 'Persoană cu dizabilități în familie', 'Person with a disability in the household', { required: false }),
  ],
  deadline: days(30),
  department: 'SOC',
  register: 'AS',
  routing: { strategy: 'round_robin', supervisors: [SEF_SOC] },
  sensitive: true,
  disclosureLevel: 'L3',
  demo: {
    weight: 8,
    channels: { walk_in: 50, registry: 30, post: 15, phone: 5 },
    outcomes: { closed: 64, resolved: 8, rejected: 8, withdrawn: 3, reopened: 2, stalled: 13, draft: 2 },
    stallAt: { suspended: 5, in_progress: 3, resolution_proposed: 1, assigned: 1 },
    values: (h) => {
      const aid = weighted(h.r, { vmi: 35, incalzire: 30, urgenta: 10, cantina: 12, ingrijire: 13 });
      return {
        aid_type: aid,
        household_members: aid === 'ingrijire' ? int(h.r, 1, 2) : int(h.r, 2, 7),
        monthly_income: int(h.r, 30, 350) * 10,
        ...(aid === 'incalzire' ? { heating: pick(h.r, HEATING).value } : {}),
        ...(chance(h.r, 0.2) ? { disability: true } : {}),
      };
    },
  },
};

const DOCUMENTS = options(ro, [
  ['hcl', 'Hotărâre a Consiliului Local', 'Local council decision'],
  ['dispozitie', 'Dispoziție a primarului', "Mayor's order"],
  ['ac', 'Autorizație de construire', 'Building permit'],
  ['cu', 'Certificat de urbanism', 'Urbanism certificate'],
  ['contract', 'Contract de închiriere / concesiune', 'Lease / concession'],
  ['pv', 'Proces-verbal de recepție', 'Acceptance report'],
]);
const DOC_PREFIX: Record<string, string> = { hcl: 'HCL nr.', dispozitie: 'Dispoziția nr.', ac: 'AC nr.', cu: 'CU nr.', contract: 'Contractul nr.', pv: 'PV de recepție nr.' };

const copies: DemoCategory = {
  code: 'ARH',
  group: 'registratura',
  name: { ro: 'Copii de pe documente din arhivă', en: 'Copies of records' },
  description: { ro: 'Copii certificate după acte emise de primărie, eliberate de regulă pe loc.', en: 'Certified copies of documents the city hall issued, usually on the spot.' },
  fields: [
    field(ro, 'document_type', 'select', 'Tipul documentului', 'Document type', { options: DOCUMENTS }),
    field(ro, 'document_reference', 'text', 'Numărul și anul documentului', 'Document number and year', { max: 100 }),
    field(ro, 'copies', 'number', 'Număr de exemplare', 'Copies', { min: 1, max: 20 }),
    field(ro, 'certified', 'boolean', 'Copie certificată „conform cu originalul”', 'Certified true copy', { required: false }),
  ],
  deadline: { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 0, forwardingDays: 5, warnBeforeHours: 24 },
  department: 'REG',
  register: 'ARH',
  routing: { strategy: 'fixed', fixed: 'arhiva@primaria-demo.ro', supervisors: [SEF_REL] },
  instant: true,
  disclosureLevel: 'L1',
  demo: {
    weight: 8,
    channels: { walk_in: 45, registry: 35, web: 15, email: 5 },
    outcomes: { closed: 84, resolved: 4, rejected: 2, withdrawn: 2, reopened: 1, stalled: 3, draft: 2 },
    values: (h) => {
      const type = pick(h.r, DOCUMENTS).value;
      return { document_type: type, document_reference: `${DOC_PREFIX[type]} ${int(h.r, 1, 2400)}/${int(h.r, 1992, h.year - 1)}`, copies: int(h.r, 1, 4), ...(chance(h.r, 0.7) ? { certified: true } : {}) };
    },
  },
};

const PET_TOPICS = options(ro, [
  ['transport', 'Transport public', 'Public transport'],
  ['drumuri', 'Străzi și trafic', 'Streets and traffic'],
  ['mediu', 'Spații verzi și locuri de joacă', 'Parks and playgrounds'],
  ['utilitati', 'Utilități și locuințe', 'Utilities and housing'],
  ['administratie', 'Administrație și audiențe', 'Administration and hearings'],
]);

const petition: DemoCategory = {
  code: 'PET',
  group: 'relatii',
  name: { ro: 'Petiție', en: 'Petition' },
  description: { ro: 'Cereri, propuneri și reclamații adresate primăriei (OG nr. 27/2002).', en: 'Requests, proposals and grievances to the city hall (OG 27/2002).' },
  fields: [
    field(ro, 'topic', 'select', 'Domeniul petiției', 'Topic', { options: PET_TOPICS }),
    field(ro, 'requests_meeting', 'boolean', 'Solicită audiență', 'Asks for a hearing', { required: false }),
  ],
  deadline: OG27,
  department: 'CC',
  register: 'PET',
  routing: { strategy: 'least_loaded', supervisors: [SEF_REL] },
  disclosureLevel: 'L1',
  demo: {
    weight: 18,
    channels: { registry: 25, email: 30, web: 20, post: 15, fax: 5, phone: 5 },
    outcomes: { closed: 56, resolved: 8, rejected: 7, redirected: 7, withdrawn: 4, reopened: 3, stalled: 13, draft: 2 },
    organisations: 0.1,
    redirectTo: ['TAX', 'URB', 'ADP', 'SOC'],
    agencies: ['mediu', 'finante', 'politie', 'apa', 'gaze', 'sanatate', 'munca', 'prefectura', 'cadastru'],
    values: (h) => ({ topic: pick(h.r, PET_TOPICS).value, ...(chance(h.r, 0.15) ? { requests_meeting: true } : {}) }),
  },
};

const PROBLEMS = options(ro, [
  ['groapa', 'Groapă în carosabil / trotuar', 'Pothole'],
  ['iluminat', 'Iluminat public defect', 'Street lighting'],
  ['salubritate', 'Deșeuri / salubritate', 'Waste'],
  ['spatii_verzi', 'Spații verzi / copaci', 'Green spaces / trees'],
  ['parcare', 'Parcare neregulamentară', 'Illegal parking'],
  ['zgomot', 'Zgomot / tulburarea liniștii', 'Noise'],
  ['canalizare', 'Canalizare / capac lipsă', 'Sewer / missing cover'],
  ['semnalizare', 'Semafor / indicator defect', 'Traffic light / sign'],
  ['animale', 'Câini fără stăpân', 'Stray dogs'],
]);

const DISTRICTS = options(ro, [
  ['centru', 'Centru', 'Centre'],
  ['copou', 'Copou', 'Copou'],
  ['tatarasi', 'Tătărași', 'Tătărași'],
  ['nicolina', 'Nicolina', 'Nicolina'],
  ['pacurari', 'Păcurari', 'Păcurari'],
  ['alexandru', 'Alexandru cel Bun', 'Alexandru cel Bun'],
  ['dacia', 'Dacia', 'Dacia'],
  ['galata', 'Galata', 'Galata'],
  ['cug', 'CUG', 'CUG'],
  ['bucium', 'Bucium', 'Bucium'],
]);

const complaint: DemoCategory = {
  code: 'SES',
  group: 'relatii',
  name: { ro: 'Sesizare / reclamație', en: 'Complaint' },
  description: { ro: 'Probleme de pe domeniul public: drumuri, iluminat, salubritate, spații verzi, ordine publică (sesizari@primaria-demo.ro).', en: 'Problems in public space: roads, lighting, waste, parks, public order.' },
  fields: [
    field(ro, 'problem_type', 'select', 'Tipul problemei', 'Problem', { options: PROBLEMS }),
    field(ro, 'street', 'text', 'Strada', 'Street', { max: 200 }),
    field(ro, 'landmark', 'text', 'Reper', 'Landmark', { required: false, max: 200 }),
    field(ro, 'district', 'select', 'Cartier', 'District', { required: false, options: DISTRICTS }),
  ],
  deadline: OG27,
  department: 'ADP',
  register: 'SES',
  routing: { strategy: 'least_loaded', supervisors: [SEF_ADP] },
  allowAnonymous: true,
  disclosureLevel: 'L1',
  demo: {
    weight: 22,
    channels: { phone: 30, web: 25, open311: 10, email: 15, sms: 10, chat: 5, registry: 5 },
    outcomes: { closed: 60, resolved: 8, rejected: 4, redirected: 4, withdrawn: 3, reopened: 3, stalled: 16, draft: 2 },
    anonymous: 0.2,
    location: 0.9,
    properNames: ['district'],
    redirectTo: ['URB', 'CC'],
    agencies: ['mediu', 'politie', 'apa', 'gaze'],
    stallAt: { assigned: 2, in_progress: 4, suspended: 3, resolution_proposed: 1 },
    values: (h) => ({
      problem_type: weighted(h.r, { groapa: 22, iluminat: 14, salubritate: 16, spatii_verzi: 10, parcare: 12, zgomot: 8, canalizare: 8, semnalizare: 4, animale: 6 }),
      street: h.place.street,
      ...(chance(h.r, 0.7) ? { district: pick(h.r, DISTRICTS).value } : {}),
      ...(chance(h.r, 0.5) ? { landmark: pick(h.r, [`în dreptul nr. ${h.place.nr}`, 'lângă stația de autobuz', 'colț cu intersecția', 'în spatele blocului', 'lângă școală']) } : {}),
    }),
  },
};

export const RO_SETUP: DemoSetup = {
  registers: [
    { code: 'PET', name: { ro: 'Registrul de petiții', en: 'Petitions' }, format: 'PET-{year}-{seq:6}' },
    { code: 'SES', name: { ro: 'Registrul de sesizări', en: 'Complaints' }, format: 'SES-{year}-{seq:6}' },
    { code: 'URB', name: { ro: 'Certificate de urbanism', en: 'Urbanism certificates' }, format: 'URB-{year}-{seq:5}' },
    { code: 'AC', name: { ro: 'Autorizații de construire', en: 'Building permits' }, format: 'AC-{year}-{seq:5}' },
    { code: 'FISC', name: { ro: 'Certificate fiscale', en: 'Fiscal certificates' }, format: 'FISC-{year}-{seq:5}' },
    { code: 'PLT', name: { ro: 'Probleme de plată', en: 'Payment problems' }, format: 'PLT-{year}-{seq:5}' },
    { code: 'AS', name: { ro: 'Dosare de asistență socială', en: 'Social aid files' }, format: 'AS-{year}-{seq:5}' },
    { code: 'ARH', name: { ro: 'Cereri de copii din arhivă', en: 'Copies of records' }, format: 'ARH-{year}-{seq:5}' },
  ],
  categories: [urbanism, permit, fiscal, payment, socialAid, copies, petition, complaint],
};
