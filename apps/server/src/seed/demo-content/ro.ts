/**
 * Romanian demo texts for "Primăria Municipiului Demo" (streets and districts of Iași, names of
 * the region). Every person and organisation here is invented.
 */
import { RO_CATEGORY_TEXTS } from './ro-texts.ts';
import type { DemoContent } from './types.ts';

const words = (s: string) => s.trim().split(/\s*,\s*/);

export const RO_CONTENT: DemoContent = {
  language: 'ro',
  place: {
    locality: 'Iași',
    county: 'Iași',
    country: 'RO',
    postalPrefix: '700',
    latitude: 47.1585,
    longitude: 27.6014,
    districts: words('Centru, Copou, Tătărași, Nicolina, Păcurari, Alexandru cel Bun, Dacia, Mircea cel Bătrân, Galata, CUG, Frumoasa, Bucium, Canta, Podu Roș, Tudor Vladimirescu'),
    lines: words('1, 3, 5, 7, 8, 9, 13, 19, 28, 30, 41, 46'),
  },
  streets: words(`Bulevardul Ștefan cel Mare și Sfânt, Strada Lăpușneanu, Bulevardul Independenței, Strada Păcurari, Șoseaua Nicolina,
    Bulevardul Tudor Vladimirescu, Strada Sărăriei, Bulevardul Carol I, Strada Anastasie Panu, Strada Cuza Vodă, Calea Chișinăului,
    Strada Vasile Lupu, Bulevardul Primăverii, Strada Moara de Vânt, Șoseaua Arcu, Strada Costache Negri, Strada Gavril Muzicescu,
    Strada Elena Doamna, Strada Ciurchi, Bulevardul Alexandru cel Bun, Șoseaua Bucium, Strada Octav Băncilă, Strada Gării,
    Strada Silvestru, Strada Mitropolit Varlaam, Strada Pantelimon Halipa, Strada Sfântul Lazăr, Strada Bucovinei,
    Strada Aurel Vlaicu, Strada Vasile Conta, Strada Grigore Ghica Vodă, Strada Decebal, Strada Tabacului, Strada Ion Creangă,
    Bulevardul Nicolae Iorga, Strada Morilor, Strada Han Tătar, Strada Socola, Strada Țesătoriei, Strada Făgăraș`),
  address: (street, nr, flat) => (flat ? `${street} nr. ${nr}, ap. ${flat}` : `${street} nr. ${nr}`),
  people: {
    male: words(`Ion, Gheorghe, Vasile, Constantin, Mihai, Andrei, Alexandru, Adrian, Cristian, Daniel, Marian, Florin, Ionuț, Bogdan,
      Răzvan, Ștefan, Gabriel, Cătălin, Sorin, Nicolae, Dumitru, Petru, Costel, Liviu, Ovidiu, Radu, Sebastian, Tudor, Matei, Vlad,
      Eugen, Iulian, Lucian, Marius, Viorel, Dorin, Paul, Emil, Aurel, Horia`),
    female: words(`Maria, Elena, Ioana, Ana, Mihaela, Andreea, Cristina, Gabriela, Alina, Daniela, Simona, Roxana, Georgiana, Ramona,
      Luminița, Carmen, Florentina, Corina, Oana, Diana, Raluca, Alexandra, Irina, Adriana, Lăcrămioara, Mădălina, Nicoleta, Violeta,
      Camelia, Teodora, Bianca, Larisa, Iuliana, Doina, Rodica, Viorica, Angela, Silvia, Ecaterina, Ștefania`),
    lastNames: words(`Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stoica, Stan, Gheorghe, Munteanu, Constantin, Matei, Ciobanu, Rusu,
      Mihai, Lungu, Toma, Ungureanu, Sandu, Moldovan, Cristea, Florea, Barbu, Dinu, Tudor, Apostol, Chiriac, Ursu, Grigoraș,
      Cojocaru, Ciubotaru, Bălan, Hușanu, Pricop, Bîrsan, Acatrinei, Cozma, Ababei, Bejan, Cazacu, Roman, Onofrei, Lupu, Tănase,
      Manole, Aanei, Vasiliu, Bostan, Răileanu, Zaharia, Anton, Neculai, Iftimie, Agavriloaei, Prisăcaru, Butnaru, Amariei, Istrate,
      Moraru, Țăranu`),
    femaleLastName: (last) => last,
  },
  organisations: words(`SC Construct Nord SRL, SC Moldova Invest Imobiliare SRL, SC Agrotrans Bucium SRL, SC Euro Casa Design SRL,
    SC Rapid Instal SRL, SC Copou Residence SRL, Asociația de Proprietari nr. 412, Asociația de Proprietari Tudor Vladimirescu 7,
    SC Dental Vita SRL, SC Bioenergy Prut SA, SC Panificația Tătărași SRL, SC Farmacia Sf. Lazăr SRL, Asociația Culturală Junimea Nouă,
    SC Logistic Expres Moldova SRL, SC Green Garden Landscaping SRL`),
  phone: { countryCode: '+40', mobilePrefixes: words('721, 722, 723, 724, 726, 728, 740, 741, 742, 744, 745, 747, 748, 751, 752, 755, 756, 757, 760, 762, 763, 765, 766, 770, 771, 773, 774, 775'), restDigits: 6 },
  emailDomains: words('example.com, example.org, example.net, mail.example, posta.example'),
  openings: {
    male: [
      'Subsemnatul {name}, cu domiciliul în {locality}, {address}, vă adresez următoarea cerere.',
      'Subsemnatul {name}, domiciliat în {locality}, {address}, vă rog să aveți în vedere următoarele.',
      'Mă numesc {name} și locuiesc în {locality}, {address}.',
    ],
    female: [
      'Subsemnata {name}, cu domiciliul în {locality}, {address}, vă adresez următoarea cerere.',
      'Subsemnata {name}, domiciliată în {locality}, {address}, vă rog să aveți în vedere următoarele.',
      'Mă numesc {name} și locuiesc în {locality}, {address}.',
    ],
    organisation: ['{name}, cu sediul în {locality}, {address}, prin reprezentantul legal, vă adresează următoarea solicitare.', 'Vă transmitem, din partea {name} ({address}), următoarea solicitare.'],
    phone: ['Apel preluat de operator. Cetățeanul declară:', 'Notă operator (apel telefonic): solicitantul a relatat următoarele.', 'Solicitare telefonică înregistrată la Centrul de Relații cu Cetățenii:'],
    anonymous: ['Sesizare transmisă fără date de identificare.', 'Sesizare anonimă primită prin aplicația „Iași Civic”.', 'Expeditorul nu și-a declarat identitatea.'],
  },
  closings: [
    'Vă mulțumesc anticipat pentru sprijin.',
    'Anexez copia actului de identitate și documentele menționate.',
    'Vă rog să îmi comunicați răspunsul în termenul legal.',
    'Cu stimă, {name}',
    'Aștept cu interes răspunsul dumneavoastră.',
  ],
  categories: RO_CATEGORY_TEXTS,
  returnSentence: {
    in_person: ['Documentul poate fi ridicat de la Registratura Generală (parter, ghișeul 2), de luni până joi între 8:30 și 16:30 și vineri între 8:30 și 14:00, pe baza actului de identitate.'],
    post: ['Răspunsul a fost expediat prin poștă, cu confirmare de primire, la adresa de corespondență indicată.'],
    online: ['Răspunsul a fost transmis în format electronic la adresa de e-mail indicată și este disponibil în contul dvs. de pe portal.'],
  },
  notes: {
    internal: [
      'Am solicitat punctul de vedere al Serviciului Cadastru.',
      'Verificat în evidența fiscală; plata apare cu întârziere de procesare.',
      'Dosarul este complet, urmează redactarea răspunsului.',
      'Programată verificare pe teren joi dimineață.',
      'Am discutat telefonic cu petentul; revine cu documentele lipsă.',
      'Necesită avizul Direcției Juridice înainte de răspuns.',
      'Caz similar rezolvat anul trecut; folosesc același model de răspuns.',
      'Cerere prioritară – persoană vârstnică.',
    ],
    citizen: [
      'Solicitarea dvs. a fost preluată și se află în analiză la compartimentul de specialitate.',
      'Vă informăm că a fost programată o verificare pe teren în zilele următoare.',
      'Vă mulțumim pentru răbdare; răspunsul va fi transmis în termenul legal.',
      'Vă rugăm să păstrați numărul de înregistrare pentru a putea verifica stadiul cererii.',
    ],
  },
  suspension: {
    awaiting_citizen_documents: [
      'Vă rugăm să completați dosarul cu extrasul de carte funciară actualizat (nu mai vechi de 30 de zile).',
      'Pentru continuarea analizei este necesară copia actului de proprietate.',
      'Vă rugăm să depuneți adeverințele de venit pentru toți membrii familiei.',
      'Lipsește dovada achitării taxei; vă rugăm să o transmiteți prin e-mail sau la registratură.',
    ],
    awaiting_other_institution: [
      'Am solicitat informații de la Oficiul de Cadastru și Publicitate Imobiliară; termenul se suspendă până la primirea răspunsului.',
      'Așteptăm confirmarea băncii privind plata efectuată.',
      'Am solicitat punctul de vedere al operatorului de transport public.',
    ],
    on_site_inspection: ['Este necesară o verificare pe teren; veți fi contactat pentru stabilirea datei.', 'Ancheta socială la domiciliu este programată în perioada următoare.'],
    citizen_request: ['La cererea dvs., analiza a fost suspendată până la revenirea în țară.', 'Conform solicitării dvs., termenul se suspendă până la finalizarea procedurii succesorale.'],
  },
  extensionReasons: [
    'Volumul mare de documente care trebuie verificate impune prelungirea termenului, conform art. 9 din OG nr. 27/2002.',
    'Pentru soluționare este necesar punctul de vedere al altor compartimente; termenul se prelungește.',
    'Verificarea pe teren nu a putut fi efectuată din cauza condițiilor meteo; termenul de răspuns se prelungește.',
  ],
  returnComments: [
    'Vă rog să completați răspunsul cu temeiul legal.',
    'Răspunsul trebuie să precizeze termenul de realizare a lucrărilor.',
    'Reformulați: tonul este prea tehnic pentru cetățean.',
    'Verificați din nou suma; nu corespunde cu extrasul de cont.',
  ],
  rejection: {
    inadmissible: ['Solicitarea nu intră în competența primăriei.', 'Cererea nu conține elementele minime prevăzute de lege (identificarea petentului și obiectul cererii).'],
    duplicate: ['Cererea este identică cu o solicitare anterioară aflată în lucru; veți primi un singur răspuns.', 'Petiția repetă aspecte la care s-a răspuns deja; se clasează conform art. 10 din OG nr. 27/2002.'],
    anonymous_not_allowed: ['Petiția anonimă nu se ia în considerare, conform art. 7 din OG nr. 27/2002.'],
    incomplete: ['Documentația este incompletă, iar documentele solicitate nu au fost depuse în termen.', 'Lipsesc avizele obligatorii; vă rugăm să depuneți o nouă cerere cu documentația completă.'],
    other: ['Solicitantul a depus aceeași cerere la o altă instituție, care o soluționează.'],
  },
  withdrawal: ['Petentul a renunțat la cerere telefonic.', 'Cerere de retragere depusă la registratură.', 'Solicitantul ne-a informat că problema s-a rezolvat între timp.', 'Cetățeanul a depus o nouă cerere, cu datele corectate.'],
  reopening: ['Petentul revine: problema semnalată a reapărut.', 'Răspunsul nu a acoperit toate punctele petiției; se redeschide.', 'Contestație admisă; cererea se reanalizează.', 'Documentul eliberat conținea o eroare materială.'],
  internalRedirect: ['Solicitarea ține de competența altui compartiment.', 'Redistribuit conform competențelor stabilite prin Regulamentul de organizare și funcționare.', 'Aspectele semnalate se soluționează de direcția de specialitate.'],
  externalRedirect: [
    'Conform art. 6^1 din OG nr. 27/2002, petiția a fost transmisă autorității competente ({agency}), iar petentul a fost informat.',
    'Aspectele sesizate sunt de competența {agency}; petiția a fost redirecționată în termenul legal de 5 zile.',
  ],
  agencies: {
    mediu: { name: 'Garda Națională de Mediu – Comisariatul Județean Iași', contact: 'registratura@gnm-iasi.example' },
    finante: { name: 'Administrația Județeană a Finanțelor Publice Iași', contact: 'registratura@ajfp-iasi.example' },
    politie: { name: 'Inspectoratul de Poliție Județean Iași', contact: 'petitii@ipj-iasi.example' },
    apa: { name: 'Operatorul regional de apă și canalizare', contact: 'relatii.clienti@apa-iasi.example' },
    gaze: { name: 'Operatorul de distribuție a gazelor naturale', contact: 'sesizari@gaze-moldova.example' },
    sanatate: { name: 'Direcția de Sănătate Publică Iași', contact: 'registratura@dsp-iasi.example' },
    munca: { name: 'Inspectoratul Teritorial de Muncă Iași', contact: 'petitii@itm-iasi.example' },
    prefectura: { name: 'Instituția Prefectului – Județul Iași', contact: 'registratura@prefectura-iasi.example' },
    cadastru: { name: 'Oficiul de Cadastru și Publicitate Imobiliară Iași', contact: 'registratura@ocpi-iasi.example' },
  },
};
