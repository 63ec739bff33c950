import type { Shape } from '../shape.ts';
import type { consoleEn } from './en.ts';

export const consoleRo = {
  login: {
    title: 'Autentificare în CivicLine', email: 'E-mail', password: 'Parolă', submit: 'Intră', failed: 'Autentificare eșuată', emailInvalid: 'Introduceți o adresă de e-mail validă',
    errors: { 'auth.invalid_credentials': 'E-mailul sau parola sunt greșite.', 'auth.locked': 'Prea multe încercări eșuate: contul este blocat temporar.', 'auth.tenant_ambiguous': 'Acest e-mail aparține mai multor instituții.', 'request.rate_limited': 'Prea multe încercări; așteptați puțin.', generic: 'Nu v-ați putut autentifica. Încercați din nou.' },
  },
  nav: { inbox: 'Dosare', supervisor: 'Compartiment', admin: 'Administrare', logout: 'Ieșire', language: 'Limba', main: 'Navigare principală', menu: 'Meniu', skip: 'Salt la conținut', userMenu: 'Contul lui {{name}}', backToInbox: 'Înapoi la dosare' },
  shortcuts: { title: 'Scurtături de tastatură', search: 'Caută dosare', move: 'Dosarul următor / anterior din listă', open: 'Deschide dosarul selectat', inbox: 'Mergi la dosare', queues: 'Schimbă lista', assign: 'Repartizează / preia dosarul', start: 'Începe lucrul', propose: 'Propune răspunsul', approve: 'Aprobă răspunsul', help: 'Arată această listă' },
  queue: { mine: 'Ale mele', department: 'Compartimentul meu', unassigned: 'Nerepartizate', dueSoon: 'Termen apropiat', overdue: 'Depășite', approvals: 'De aprobat', open: 'Toate deschise', all: 'Toate' },
  inbox: {
    title: 'Dosare', queues: 'Liste', search: 'Căutare', searchPlaceholder: 'Număr, subiect, nume…', status: 'Stare', category: 'Categorie', channel: 'Canal', department: 'Compartiment', any: 'Oricare',
    loading: 'Se încarcă dosarele…', loaded_one: '{{count, number}} dosar', loaded_few: '{{count, number}} dosare', loaded_other: '{{count, number}} de dosare', loadingMore_one: '{{count, number}} dosar încărcat, se încarcă restul…', loadingMore_few: '{{count, number}} dosare încărcate, se încarcă restul…', loadingMore_other: '{{count, number}} de dosare încărcate, se încarcă restul…',
    empty: 'Niciun dosar aici.', rowCount_one: '{{count, number}} dosar în listă', rowCount_few: '{{count, number}} dosare în listă', rowCount_other: '{{count, number}} de dosare în listă', draft: 'Ciornă', unassigned: 'Nerepartizat', me: '{{name}} (eu)', colleague: 'Un coleg',
    selectAll: 'Selectează toate dosarele', selectCase: 'Selectează dosarul {{number}}',
    col: { number: 'Număr', subject: 'Subiect', status: 'Stare', deadline: 'Termen', category: 'Categorie', assignee: 'Responsabil', priority: 'Prioritate', registered: 'Înregistrat' },
  },
  deadline: { none: 'Fără termen', stopped: 'Termen oprit', overdue: 'Depășit (scadent {{when}})', dueSoon: 'Termen apropiat ({{when}})', onTime: 'În termen (scadent {{when}})' },
  countdown: { span: '{{d}} z {{h}} h {{m}} min', left: 'mai sunt {{span}}', late: 'întârziere {{span}}' },
  clock: { not_started: 'nepornit', running: 'curge', stopped: 'oprit', finished: 'încheiat' },
  priority: { low: 'Scăzută', normal: 'Normală', high: 'Ridicată', urgent: 'Urgentă' },
  channel: { web: 'Web', email: 'E-mail', sms: 'SMS', phone: 'Telefon', fax: 'Fax', post: 'Poștă', registry: 'Registratură', walk_in: 'La ghișeu', chat: 'Chat', api: 'API', open311: 'Open311' },
  contactChannel: { sms: 'SMS', email: 'E-mail', phone: 'Telefon', post: 'Poștă', portal: 'Portal' },
  role: { admin: 'Administrator', supervisor: 'Șef compartiment', technician: 'Referent', operator: 'Operator', registrar: 'Registratură', auditor: 'Auditor' },
  case: {
    actions: 'Acțiuni', noActions: 'Nu puteți face nimic pe acest dosar acum.', fields: 'Detaliile cererii', saveFields: 'Salvează detaliile', fieldsSaved: 'Detalii salvate', unsaved: 'Modificări nesalvate',
    timeline: 'Istoric', attachments: 'Documente', noAttachments: 'Niciun document încă.', upload: 'Adaugă fișiere', description: 'Cererea', resolution: 'Răspuns',
    dueAt: 'Termen', countdown: 'Timp', clock: 'Termenul', extended: 'Prelungit', extendedDays_one: 'cu {{count}} zi', extendedDays_few: 'cu {{count}} zile', extendedDays_other: 'cu {{count}} de zile', category: 'Categorie', department: 'Compartiment',
    assignee: 'Responsabil', channel: 'Canal', registeredAt: 'Înregistrat', priority: 'Prioritate', notFound: 'Dosarul nu există sau nu îl puteți vedea.', actionDone: 'Gata: {{action}}', staleReloaded: 'Altcineva a modificat dosarul între timp; a fost reîncărcat. Încercați din nou.',
  },
  action: {
    register: 'Înregistrează', assign: 'Repartizează', take: 'Preia', start: 'Începe lucrul', suspend: 'Oprește termenul', resume: 'Reia', propose_resolution: 'Propune răspuns', approve: 'Aprobă răspunsul', return: 'Returnează pentru modificări',
    reject: 'Respinge', redirect: 'Redirecționează', extend: 'Prelungește termenul', close: 'Închide', withdraw: 'Retrage', reopen: 'Redeschide',
  },
  actionForm: {
    assignee: 'Repartizează către', suspensionReason: 'De ce se oprește termenul', rejectionReason: 'Motivul respingerii', answer: 'Răspunsul către cetățean', returnMethod: 'Cum se comunică răspunsul', redirectTo: 'Redirecționează către',
    toDepartment: 'Alt compartiment', toAgency: 'Altă instituție', department: 'Compartiment', agencyName: 'Instituția', agencyContact: 'Contactul ei (opțional)', days: 'Zile în plus', reason: 'Motiv',
    comment: 'Comentariu', commentOptional: 'Comentariu (opțional)',
  },
  rejection: { inadmissible: 'Inadmisibilă', duplicate: 'Duplicat', anonymous_not_allowed: 'Cererile anonime nu sunt permise', incomplete: 'Incompletă', other: 'Alt motiv' },
  returnMethod: { in_person: 'La ghișeu', post: 'Prin poștă', online: 'Online' },
  citizen: { title: 'Petent', anonymous: 'Cerere anonimă.', noAccess: 'Rolul dumneavoastră nu afișează datele petentului.', nationalId: 'CNP', reveal: 'Arată complet (se înregistrează în jurnalul de audit)', masked: 'mascat', phones: 'Telefon', emails: 'E-mail', address: 'Adresă', preferredChannel: 'Preferă', otherCases: 'Alte cereri' },
  timeline: {
    comment: 'Adaugă un comentariu', visibility: 'Cine vede comentariul', internal: 'Doar personalul', citizen: 'Și petentul', addComment: 'Adaugă comentariul', reason: 'Motiv', visibleToCitizen: 'vizibil petentului',
    statusChanged: '{{from}} → {{to}}',
    type: { created: 'Creat', comment: 'Comentariu', extended: 'Termen prelungit', attachment_added: 'Fișier adăugat', attachment_refused: 'Fișier refuzat', linked: 'Legat de alt dosar', updated: 'Detalii modificate' },
  },
  actor: { user: 'Personal', system: 'CivicLine', citizen: 'Petent', channel: 'Canal' },
  bulk: { region: 'Acțiuni în bloc', selected_one: '{{count}} selectat', selected_few: '{{count}} selectate', selected_other: '{{count}} selectate', assignTo: 'Repartizează către…', assign: 'Repartizează', done_one: '{{count}} dosar repartizat', done_few: '{{count}} dosare repartizate', done_other: '{{count}} de dosare repartizate', failed: 'Nerepartizate (modificate între timp sau nepermis): {{list}}', allDone: 'Toate au fost repartizate.' },
  supervisor: {
    title: 'Compartiment', load: 'Încărcarea pe persoană', approvals: 'De aprobat', overdue: 'Depășite', open: 'Toate dosarele deschise', openOfCapacity: '{{open}} deschise din {{capacity}}', openNoLimit: '{{open}} deschise (fără limită)',
    overCapacity: 'peste capacitate', absent: 'absent azi', loadOf: 'Încărcarea lui {{name}}', dragHint: 'Trageți dosare din listă peste o persoană pentru a le repartiza, sau selectați-le și folosiți „Repartizează către”.',
  },
  admin: {
    title: 'Administrare', tabs: { categories: 'Categorii', departments: 'Compartimente', users: 'Utilizatori și roluri', registers: 'Registre', calendar: 'Zile lucrătoare' },
    save: 'Salvează', saved: 'Salvat', add: 'Adaugă', remove: 'Elimină', code: 'Cod', name: 'Denumire', email: 'E-mail', active: 'Activ', activeOf: '{{name}} activ',
    departments: { new: 'Compartiment nou', parent: 'Face parte din' },
    users: { new: 'Utilizator nou', name: 'Nume', roles: 'Roluri', rolesOf: 'Rolurile lui {{name}}', departments: 'Compartimente', departmentsOf: 'Compartimentele lui {{name}}', language: 'Limba', password: 'Parolă', capacity: 'Capacitate', capacityOf: 'Capacitatea lui {{name}}', noLimit: 'fără limită' },
    registers: { new: 'Registru nou', format: 'Formatul numărului', formatHelp: '{year}, {seq} sau {seq:6}, {register}', formatOf: 'Formatul numărului pentru {{code}}', example: 'Exemplu' },
    calendar: { add: 'Adaugă o zi', day: 'Ziua', kind: 'Tipul zilei', dayOff: 'Zi liberă', workingDay: 'Zi lucrătoare', own: 'Zilele proprii ale instituției', noneOwn: 'Niciuna încă.', public: 'Sărbători legale', year: 'Anul', removeDay: 'Elimină {{day}}' },
    categories: {
      new: 'Categorie nouă', list: 'Categorii', group: 'Grup', department: 'Compartiment', register: 'Registru', deadline: 'Termen legal', amount: 'Termen', unit: 'Unitate', endOn: 'Dacă se încheie într-o zi liberă',
      maxExtension: 'Prelungire maximă (zile)', warnBefore: 'Avertizare înainte (ore)', forwarding: 'Zile pentru redirecționare', routing: 'Repartizare și acces', strategy: 'Repartizare', fixedUser: 'Mereu către',
      disclosure: 'Verificarea stării cere', allowAnonymous: 'Se permite anonim', sendSms: 'Trimite SMS', sensitive: 'Date sensibile', instant: 'Se rezolvă pe loc',
    },
    fields: {
      title: 'Câmpurile formularului', none: 'Niciun câmp încă.', add: 'Adaugă un câmp', key: 'Cheie', type: 'Tip', required: 'Obligatoriu', label: 'Etichetă', min: 'Min', max: 'Max', pattern: 'Model (expresie regulată)',
      options: 'Opțiuni', optionValue: 'Valoare', optionLabel: 'Etichetă', addOption: 'Adaugă o opțiune', removeOption: 'Elimină opțiunea {{value}}', up: 'Mută în sus', down: 'Mută în jos', remove: 'Elimină câmpul',
      upN: 'Mută {{key}} în sus', downN: 'Mută {{key}} în jos', removeN: 'Elimină câmpul {{key}}', fieldN: 'Câmpul {{n}}: {{key}}', fix: 'Corectați câmpurile marcate mai sus.',
    },
  },
  fieldType: { text: 'Text', long_text: 'Text lung', number: 'Număr', date: 'Dată', select: 'O alegere', multi_select: 'Mai multe alegeri', boolean: 'Da / nu', file: 'Fișier' },
  strategy: { manual: 'Manual', fixed: 'Mereu aceeași persoană', round_robin: 'Pe rând', least_loaded: 'Cel mai puțin încărcat' },
  endOn: { next_working_day: 'următoarea zi lucrătoare', previous_working_day: 'ziua lucrătoare anterioară', keep: 'păstrează ziua' },
  disclosure: { L1: 'L1: doar numărul', L2: 'L2: număr + data nașterii sau cifre din telefon', L3: 'L3: + cod prin SMS' },
} satisfies Shape<typeof consoleEn>;
