import type { Shape } from '../../shape.ts';
import type { channelsEn } from './en.ts';

export const channelsRo = {
  calls: {
    region: 'Apeluri primite', incomingFrom: 'Apel de la {{who}}', endedFrom: 'Apelul de la {{who}} s-a încheiat', withheld: 'Număr ascuns',
    known: 'Apelant cunoscut', unknown: 'Nu este în evidență', status: { ringing: 'Sună', in_progress: 'În desfășurare', ended: 'Apel încheiat' },
    line: 'Pe {{line}} de la {{number}}, {{time}}', openCases_one: '{{count}} dosar deschis', openCases_few: '{{count}} dosare deschise', openCases_other: '{{count}} de dosare deschise', due: 'termen {{date}}',
    recentContacts: 'Contacte recente', fromCitizen: 'de la cetățean', toCitizen: 'către cetățean', openDraft: 'Deschide ciorna', noDraft: 'Linia nu are categorie, așa că pentru acest apel nu s-a deschis o ciornă. Alegeți categoria în care să fie deschisă.',
    openCall: 'Deschide apelul', open: { title: 'Deschideți o ciornă pentru acest apel', placeholder: 'Alegeți o categorie…', chooseFirst: 'Alegeți mai întâi categoria', submit: 'Deschide ciorna' },
    dismiss: 'Închide', dismissOf: 'Închide apelul de la {{who}}', pageTitle: 'Apel de la {{who}}', caller: 'Apelantul',
    assistant: {
      title: 'Înainte de a face legătura, asistentul a aflat', language: 'Limba', intent: 'Dorește', reference: 'Numărul dat', level: 'Identitate',
      verified: 'verificată la nivelul {{level}}', notVerified: 'neverificată', told: 'I s-a spus deja', steps: 'Pași',
      intents: { status: 'să afle stadiul unei cereri', new_request: 'să depună o cerere nouă', information: 'informații', operator: 'să vorbească cu cineva' },
      kinds: { case: 'cerere', invoice: 'factură', local_tax: 'impozit local', benefit: 'dosar de ajutor', appointment: 'programare', document: 'document' },
    },
    find: {
      title: 'Cine sună?', notThem: 'Sună altcineva?', label: 'Nume sau număr de telefon', help: 'Găsiți fișa apelantului; apelul și ciorna se mută la ea.',
      search: 'Caută', none: 'Nu s-a găsit nimeni.', attach: 'Acesta este apelantul', attachOf: '{{name}} este apelantul', tooShort: 'Scrieți cel puțin 2 caractere',
    },
    draft: {
      title: 'Solicitarea', subject: 'Subiect', description: 'Ce solicită', register: 'Înregistrează', registered: 'Înregistrat',
      registeredAs: 'Înregistrat cu nr. {{number}}, termen {{due}}.', openCase: 'Deschide dosarul',
    },
  },
  registry: {
    nav: 'Registratură', title: 'Registratura', formTitle: 'Înregistrați un document pe hârtie', sender: 'Expeditor', senderMode: 'Cine l-a trimis', newSender: 'Expeditor nou', knownSender: 'În evidență',
    chooseSender: 'Alegeți expeditorul', senderKind: 'Persoană sau organizație', person: 'Persoană', organisation: 'Organizație', firstName: 'Prenume', lastName: 'Nume',
    organisationName: 'Organizație', address: 'Adresa poștală', locality: 'Localitate', postalCode: 'Cod poștal', phone: 'Telefon', email: 'E-mail',
    delivery: 'Cum a sosit', deliveryMethod: { post: 'Prin poștă', courier: 'Prin curier', in_person: 'Depus personal', fax_paper: 'Fax (hârtie)' },
    receivedOn: 'Primit la', pages: 'Pagini', senderReference: 'Nr. expeditorului', scans: 'Scanări', addScans: 'Adaugă scanări', scansHelp: 'PDF, JPEG, PNG sau TIFF; se pot adăuga mai multe fișiere.',
    scanRequired: 'Atașați scanarea documentului', uploadProgress: 'Progresul încărcării scanărilor', fix: 'Corectați câmpurile marcate mai sus.', record: 'Înregistrează',
    recorded: 'Document înregistrat', recordedSummary_one: 'Înregistrat {{date}}; termen {{due}}; {{count}} scanare atașată.', recordedSummary_few: 'Înregistrat {{date}}; termen {{due}}; {{count}} scanări atașate.', recordedSummary_other: 'Înregistrat {{date}}; termen {{due}}; {{count}} de scanări atașate.',
    outcome: { appended: 'A fost adăugat la dosarul la care se referă.', duplicate: 'Era deja înregistrat.' },
    openReceipt: 'Deschide recipisa (PDF)', printReceipt: 'Tipărește recipisa', receiptA4: 'Recipisă A4', receipt: 'Recipisă', receiptOf: 'Recipisa nr. {{number}} (PDF)', next: 'Înregistrează alt document',
    today: 'Registrul din {{date}}', noneToday: 'Nimic înregistrat azi.', recordedAt: 'Înregistrat',
  },
  admin: {
    tabs: { mailboxes: 'Căsuțe de e-mail', lines: 'Linii telefonice', providers: 'Furnizori' },
    edit: 'Modifică', editOf: 'Modifică {{name}}',
    mailboxes: {
      new: 'Căsuță nouă', edit: 'Modifică {{address}}', address: 'Adresa', categoryDepartment: 'Compartimentul categoriei', isFax: 'Linie de fax', isFaxHelp: 'E-mailuri de la gateway-ul de fax: atașamentul este documentul',
      acknowledge: 'Confirmă primirea', useImap: 'Citește prin IMAP', useImapHelp: 'Pentru o căsuță pe serverul de e-mail al instituției', imap: 'Căsuța IMAP', host: 'Server', port: 'Port',
      folder: 'Dosar', user: 'Utilizator', password: 'Parolă', passwordWriteOnly: 'Se păstrează criptată; nu mai este afișată.', passwordKept: 'Lăsați gol pentru a păstra parola salvată.',
      allow: 'Doar de la acești expeditori', allowHelp: 'E-mailuri primite prin SMTP; câte unul pe rând: ana@example.ro, example.ro sau *.example.ro. Gol: poate scrie oricine.', deny: 'Niciodată de la acești expeditori', denyHelp: 'Refuzați prin SMTP (550), chiar dacă sunt permiși mai sus.',
      allowCount_one: '{{count}} expeditor permis', allowCount_few: '{{count}} expeditori permiși', allowCount_other: '{{count}} de expeditori permiși', denyCount_one: '{{count}} expeditor refuzat', denyCount_few: '{{count}} expeditori refuzați', denyCount_other: '{{count}} de expeditori refuzați',
      secure: 'TLS', receiving: 'Primește prin', fax: 'Fax',
    },
    lines: {
      new: 'Linie telefonică nouă', edit: 'Modifică {{number}}', number: 'Număr', numberHelp: 'În format național sau internațional; se salvează ca +40…', categoryHelp: 'Apelurile și SMS-urile deschid dosare din această categorie',
      departmentHelp: 'Implicit compartimentul categoriei', noCategory: 'Niciuna (fără ciorne pentru apeluri)', language: 'Limba', languageHelp: 'Ce aud apelanții și limba fișei unui apelant nou', transferQueue: 'Coadă de transfer', transferQueueHelp: 'Coada Twilio sau jambonz în care asistentul pune apelanții pentru un operator; goală: numărul centrului de contact (dialNumber)', institutionLanguage: 'Limba instituției', voice: 'Apeluri', sms: 'SMS', uses: 'Folosită pentru',
    },
    providers: {
      new: 'Cont de furnizor nou', edit: 'Modifică {{name}}', provider: 'Furnizor', settings: 'Setări', secret: 'Secret', secretStored: 'Salvat', noSecret: 'Niciunul',
      badLines: 'Scrieți fiecare setare ca nume = valoare (rândurile {{lines}})',
      kind: { twilio: 'Twilio', sms_webhook: 'Gateway SMS (webhook)', smpp: 'SMPP', smtp: 'SMTP', webhook: 'Webhook (centrală telefonică, altele)' },
      settingsHelp: {
        twilio: 'Câte una pe rând: accountSid = AC…, from = +40…, dialNumber = unde se transferă apelurile. Secret: auth token.',
        sms_webhook: 'Câte una pe rând: url = https://…, from = +40…. Secret: cheia de semnare.',
        smpp: 'Câte una pe rând: host, port, systemId, from. Secret: parola.',
        smtp: 'Câte una pe rând: host, port, secure = true/false, user, from. Secret: parola.',
        webhook: 'Câte una pe rând: url = https://…. Secret: cheia de semnare a cererilor.',
      },
    },
  },
  fieldCodes: { invalid_format: 'Formatul nu este cel așteptat', too_small: 'Prea scurt sau prea mic', too_big: 'Prea lung sau prea mare', invalid_type: 'Completați acest câmp', invalid_value: 'Alegeți una dintre valorile permise' },
  errors: { 'channel.address_taken': 'Este deja folosit', 'resource.conflict': 'Nu se poate face în starea actuală' },
} satisfies Shape<typeof channelsEn>;
