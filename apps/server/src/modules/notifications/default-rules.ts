import { DEFAULT_SUSPENSION_REASONS } from '../sla/index.ts';
import type { RuleConditions } from './rule-model.ts';

export interface DefaultRule {
  code: string;
  name: { en: string; ro: string };
  description: { en: string; ro: string };
  eventType: string;
  audience: 'citizen' | 'staff';
  conditions: RuleConditions;
  channels: string[];
  fallback: string[];
  urgent?: boolean;
  exclusiveGroup?: string;
  priority?: number;
  templateCode: string;
}

/** SMS, the citizen's portal inbox and e-mail: the seed's "also in the account inbox and by e-mail". */
const ALL = ['sms', 'email', 'portal'];
const FALLBACK = ['email', 'portal'];

const STOP_NAMES: Record<string, { en: string; ro: string }> = {
  awaiting_citizen_documents: { en: 'Clock stopped: documents needed from the citizen', ro: 'Termen suspendat: documente necesare de la cetățean' },
  awaiting_other_institution: { en: 'Clock stopped: waiting for another institution', ro: 'Termen suspendat: în așteptarea altei instituții' },
  on_site_inspection: { en: 'Clock stopped: on-site inspection', ro: 'Termen suspendat: verificare pe teren' },
  citizen_request: { en: 'Clock stopped at the citizen’s request', ro: 'Termen suspendat la cererea cetățeanului' },
};

/**
 * The default rule set every institution starts with. The first eighteen are the provincial
 * one-stop centre's automatic scenarios (seed 004); the rest are what a city hall needs besides.
 * Each SMS goes only for categories flagged "send SMS"; nothing goes for "instant" categories.
 */
export const DEFAULT_RULES: DefaultRule[] = [
  {
    code: 'receipt-remote',
    name: { en: 'Receipt of a postal or online submission', ro: 'Confirmarea primirii unei cereri trimise prin poștă sau online' },
    description: {
      en: 'Scenario 1. When a request submitted by post or online is registered, the citizen gets its number and deadline. In-person submissions get a printed receipt instead, so none is sent; channels intake already acknowledged are skipped.',
      ro: 'Scenariul 1. La înregistrarea unei cereri trimise prin poștă sau online, cetățeanul primește numărul și termenul. Cererile depuse la ghișeu primesc recipisă tipărită, deci nu se trimite nimic; canalele pe care s-a trimis deja confirmarea nu se repetă.',
    },
    eventType: 'case.registered',
    audience: 'citizen',
    conditions: { submissionChannels: ['post', 'web', 'api', 'open311'], skipAcknowledged: true },
    channels: ALL,
    fallback: FALLBACK,
    exclusiveGroup: 'registered',
    priority: 10,
    templateCode: 'receipt',
  },
  {
    code: 'postal-return-registered',
    name: { en: 'Postal return service registered', ro: 'Serviciu de returnare prin poștă înregistrat' },
    description: {
      en: 'Scenario 2. After receipt, when the citizen registers for the result to be returned by post: the address it will go to.',
      ro: 'Scenariul 2. După primire, când cetățeanul solicită returnarea rezultatului prin poștă: adresa la care va fi trimis.',
    },
    eventType: 'case.postal_return_registered',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'postal_return_registered',
  },
  {
    code: 'postal-return-dispatched',
    name: { en: 'Result handed to the postal service', ro: 'Rezultat predat serviciului poștal' },
    description: {
      en: 'Scenario 3. For dossiers with the postal return service: the result was handed to the post, with its tracking number.',
      ro: 'Scenariul 3. Pentru dosarele cu returnare prin poștă: rezultatul a fost predat poștei, cu numărul de urmărire.',
    },
    eventType: 'case.postal_dispatched',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'postal_dispatched',
  },
  ...DEFAULT_SUSPENSION_REASONS.map(
    (r, i): DefaultRule => ({
      code: `clock-stopped-${r.code.replace(/_/g, '-')}`,
      name: STOP_NAMES[r.code] ?? { en: `Clock stopped: ${r.name.en}`, ro: `Termen suspendat: ${r.name.ro}` },
      description: {
        en: `Scenario ${4 + i}. The processing clock stopped for this reason; sent for every submission method.`,
        ro: `Scenariul ${4 + i}. Termenul de soluționare a fost suspendat din acest motiv; se trimite pentru orice mod de depunere.`,
      },
      eventType: 'case.suspended',
      audience: 'citizen',
      conditions: { match: [{ field: 'reason', in: [r.code] }] },
      channels: ALL,
      fallback: FALLBACK,
      templateCode: `clock_stopped_${r.code}`,
    }),
  ),
  ...(
    [
      ['in_person', 'result-desk', 'result_desk', { en: 'Result ready: pick it up at the desk', ro: 'Rezultat gata: ridicare de la ghișeu' }],
      ['post', 'result-post', 'result_post', { en: 'Result ready: sent by public post', ro: 'Rezultat gata: trimis prin poștă' }],
      ['online', 'result-online', 'result_online', { en: 'Result ready: returned online', ro: 'Rezultat gata: transmis online' }],
    ] as const
  ).map(
    ([method, code, templateCode, name], i): DefaultRule => ({
      code,
      name,
      description: { en: `Scenario ${8 + i}. The answer was approved; how the citizen receives it.`, ro: `Scenariul ${8 + i}. Răspunsul a fost aprobat; cum îl primește cetățeanul.` },
      eventType: 'case.resolved',
      audience: 'citizen',
      conditions: { match: [{ field: 'returnMethod', in: [method] }] },
      channels: ALL,
      fallback: FALLBACK,
      exclusiveGroup: 'result',
      priority: 10,
      templateCode,
    }),
  ),
  {
    code: 'refusal',
    name: { en: 'Request refused', ro: 'Cerere respinsă' },
    description: { en: 'Scenario 11. The request was refused, with the reason.', ro: 'Scenariul 11. Cererea a fost respinsă, cu motivul.' },
    eventType: 'case.rejected',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'refusal',
  },
  {
    code: 'overdue-before-appointment',
    name: { en: 'No result 3 hours before the appointment', ro: 'Niciun rezultat cu 3 ore înainte de programare' },
    description: {
      en: 'Scenario 12. Three hours before the appointment to collect the result, the case still has none: the citizen is warned (urgent: sent in quiet hours too).',
      ro: 'Scenariul 12. Cu trei ore înainte de programarea pentru ridicarea rezultatului, dosarul nu are încă rezultat: cetățeanul este avertizat (urgent: se trimite și în orele de liniște).',
    },
    eventType: 'appointment.result_missing',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    urgent: true,
    templateCode: 'overdue_warning',
  },
  {
    code: 'payment-before-submission',
    name: { en: 'Online payment needed before submission', ro: 'Plată online necesară înainte de depunere' },
    description: { en: 'Scenario 13. The fee must be paid online before the dossier can be submitted.', ro: 'Scenariul 13. Taxa trebuie plătită online înainte de depunerea dosarului.' },
    eventType: 'case.payment_requested',
    audience: 'citizen',
    conditions: { match: [{ field: 'stage', in: ['before_submission'] }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'payment_before_submission',
  },
  {
    code: 'payment-before-result',
    name: { en: 'Online payment needed before receiving the result', ro: 'Plată online necesară înainte de primirea rezultatului' },
    description: { en: 'Scenario 14. The fee must be paid online before the result is handed over.', ro: 'Scenariul 14. Taxa trebuie plătită online înainte de predarea rezultatului.' },
    eventType: 'case.payment_requested',
    audience: 'citizen',
    conditions: { match: [{ field: 'stage', in: ['before_result'] }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'payment_before_result',
  },
  {
    code: 'postal-code-submission',
    name: { en: 'Postal code confirmed: dossier sent by post', ro: 'Cod poștal confirmat: dosar trimis prin poștă' },
    description: { en: 'Scenario 15. The postal code of a dossier the citizen sent by post was confirmed.', ro: 'Scenariul 15. A fost confirmat codul poștal al dosarului trimis de cetățean prin poștă.' },
    eventType: 'case.postal_code_confirmed',
    audience: 'citizen',
    conditions: { match: [{ field: 'phase', in: ['submission'] }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'postal_code_submission',
  },
  {
    code: 'postal-code-return',
    name: { en: 'Postal code confirmed: result returned by post', ro: 'Cod poștal confirmat: rezultat returnat prin poștă' },
    description: { en: 'Scenario 16. The postal code under which the result travels back was confirmed.', ro: 'Scenariul 16. A fost confirmat codul poștal cu care rezultatul este trimis înapoi.' },
    eventType: 'case.postal_code_confirmed',
    audience: 'citizen',
    conditions: { match: [{ field: 'phase', in: ['return'] }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'postal_code_return',
  },
  {
    code: 'fee-with-receipt',
    name: { en: 'Fee due (with receipt number)', ro: 'Taxă de plată (cu număr de chitanță)' },
    description: { en: 'Scenario 17. A fee is due; the notice names its receipt number.', ro: 'Scenariul 17. Există o taxă de plată; anunțul indică numărul chitanței.' },
    eventType: 'case.fee_due',
    audience: 'citizen',
    conditions: { match: [{ field: 'receiptNumber', present: true }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'fee_with_receipt',
  },
  {
    code: 'fee-without-receipt',
    name: { en: 'Fee due (no receipt number)', ro: 'Taxă de plată (fără număr de chitanță)' },
    description: { en: 'Scenario 18. A fee is due and has no receipt number yet.', ro: 'Scenariul 18. Există o taxă de plată care nu are încă număr de chitanță.' },
    eventType: 'case.fee_due',
    audience: 'citizen',
    conditions: { match: [{ field: 'receiptNumber', present: false }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'fee_without_receipt',
  },
  // The city hall's general notices.
  {
    code: 'request-registered',
    name: { en: 'Request registered (number and deadline)', ro: 'Cerere înregistrată (număr și termen)' },
    description: {
      en: 'Any other registered request: its number and deadline, on the channel it came in on and in the portal inbox. Skips channels intake already acknowledged, and walk-in requests (they get a printed receipt).',
      ro: 'Orice altă cerere înregistrată: numărul și termenul, pe canalul pe care a sosit și în căsuța din portal. Omite canalele pe care s-a trimis deja confirmarea și cererile depuse la ghișeu (primesc recipisă).',
    },
    eventType: 'case.registered',
    audience: 'citizen',
    conditions: { excludeSubmissionChannels: ['walk_in'], skipAcknowledged: true },
    channels: ['arrival', 'portal'],
    fallback: FALLBACK,
    exclusiveGroup: 'registered',
    priority: 20,
    templateCode: 'registered',
  },
  {
    code: 'department-assigned',
    name: { en: 'Assigned to a department', ro: 'Repartizată unui compartiment' },
    description: { en: 'The request moved to another department after registration.', ro: 'Cererea a fost mutată la alt compartiment după înregistrare.' },
    eventType: 'case.redirected',
    audience: 'citizen',
    conditions: { match: [{ field: 'toDepartmentId', present: true }] },
    channels: ['portal', 'email'],
    fallback: [],
    templateCode: 'department_assigned',
  },
  {
    code: 'answer-ready',
    name: { en: 'Answer ready', ro: 'Răspuns disponibil' },
    description: { en: 'The answer was approved (when no return method says more).', ro: 'Răspunsul a fost aprobat (când modul de returnare nu spune mai mult).' },
    eventType: 'case.resolved',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    exclusiveGroup: 'result',
    priority: 90,
    templateCode: 'answer_ready',
  },
  {
    code: 'deadline-extended',
    name: { en: 'Deadline extended', ro: 'Termen prelungit' },
    description: { en: 'The deadline was extended: the reason and the new date.', ro: 'Termenul a fost prelungit: motivul și noua dată.' },
    eventType: 'case.extended',
    audience: 'citizen',
    conditions: {},
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'deadline_extended',
  },
  {
    code: 'redirected-agency',
    name: { en: 'Sent to another agency', ro: 'Redirecționată către altă instituție' },
    description: { en: 'The request belongs to another agency: its name and contacts.', ro: 'Cererea ține de altă instituție: numele și datele ei de contact.' },
    eventType: 'case.redirected',
    audience: 'citizen',
    conditions: { match: [{ field: 'agency', present: true }] },
    channels: ALL,
    fallback: FALLBACK,
    templateCode: 'redirected',
  },
  ...(
    [
      ['appointment-booked', 'appointment.booked', 'appointment_booked', { en: 'Appointment booked', ro: 'Programare făcută' }, 'The date, time and place of a new appointment.', 'Data, ora și locul unei programări noi.'],
      ['appointment-rescheduled', 'appointment.rescheduled', 'appointment_rescheduled', { en: 'Appointment moved', ro: 'Programare mutată' }, 'An appointment was moved: the old and the new time.', 'O programare a fost mutată: ora veche și cea nouă.'],
      ['appointment-cancelled', 'appointment.cancelled', 'appointment_cancelled', { en: 'Appointment cancelled', ro: 'Programare anulată' }, 'An appointment was cancelled.', 'O programare a fost anulată.'],
      ['appointment-tomorrow', 'appointment.reminder_due', 'appointment_tomorrow', { en: 'Appointment tomorrow', ro: 'Programare mâine' }, 'The day before an appointment, a reminder (a scheduled job).', 'Cu o zi înainte de programare, o reamintire (lucrare programată).'],
    ] as const
  ).map(
    ([code, eventType, templateCode, name, en, ro]): DefaultRule => ({
      code,
      name,
      description: { en, ro },
      eventType,
      audience: 'citizen',
      conditions: {},
      channels: ALL,
      fallback: FALLBACK,
      templateCode,
    }),
  ),
  // Staff: the console bell and the e-mail digest.
  ...(
    [
      ['staff-assigned', 'case.assigned', ['assignee'], { en: 'New assignment', ro: 'Caz nou repartizat' }, 'The assignee is told of a case given to them.', 'Responsabilul află de cazul primit.'],
      ['staff-approval-waiting', 'case.resolution_proposed', ['supervisors'], { en: 'Approval waiting', ro: 'Aprobare în așteptare' }, 'The department’s supervisors are told an answer waits for approval.', 'Șefii compartimentului află că un răspuns așteaptă aprobarea.'],
      ['staff-deadline-approaching', 'case.deadline_approaching', ['assignee', 'supervisors'], { en: 'Deadline approaching', ro: 'Termen aproape' }, 'The assignee and supervisors are told the deadline is near.', 'Responsabilul și șefii află că termenul se apropie.'],
      ['staff-overdue', 'case.overdue', ['assignee', 'supervisors'], { en: 'Deadline passed', ro: 'Termen depășit' }, 'The assignee and supervisors are told the deadline passed.', 'Responsabilul și șefii află că termenul a fost depășit.'],
    ] as const
  ).map(
    ([code, eventType, recipients, name, en, ro]): DefaultRule => ({
      code,
      name,
      description: { en, ro },
      eventType,
      audience: 'staff',
      conditions: { recipients: [...recipients] },
      channels: ['inapp', 'digest'],
      fallback: [],
      templateCode: code.replace(/-/g, '_'),
    }),
  ),
];

/** The scenario rules of seed 004, for tests and documentation. */
export const SEED_SCENARIO_CODES = DEFAULT_RULES.slice(0, 18).map((r) => r.code);
