/**
 * Romanian words of the demo cases, per category: subjects, bodies and answers. Where a category
 * has texts per value of one of its select fields, entries of the same position go together.
 */
import type { CategoryTexts } from './types.ts';

export const RO_CATEGORY_TEXTS: Record<string, CategoryTexts> = {
  URB_CU: {
    subjects: ['Cerere certificat de urbanism – {land_address}', 'Certificat de urbanism pentru terenul cu nr. cadastral {cadastral_number}'],
    bodies: [],
    answers: [
      'A fost emis certificatul de urbanism solicitat, cu precizarea avizelor și acordurilor necesare pentru etapa următoare.',
      'Certificatul de urbanism a fost emis; valabilitatea acestuia este de 24 de luni de la data emiterii.',
      'Certificatul de urbanism a fost emis. Pentru faza următoare sunt necesare studiul geotehnic și avizul de mediu.',
      'Certificatul de urbanism a fost emis în scopul declarat, cu regimul juridic, economic și tehnic al imobilului.',
    ],
    byOption: {
      field: 'purpose',
      pools: {
        construire: {
          subjects: ['Certificat de urbanism în vederea construirii unei locuințe', 'Certificat de urbanism pentru construire casă P+1, {land_address}'],
          bodies: [
            'Intenționez să construiesc o locuință unifamilială P+1 pe terenul din {land_address}, identificat prin nr. cadastral {cadastral_number}, în suprafață de {area_sqm} m². Anexez extrasul de carte funciară, planul de încadrare în zonă și planul de situație.',
            'Vă rog să îmi eliberați certificatul de urbanism pentru construirea unei case de locuit cu anexe pe terenul de {area_sqm} m² din {land_address} (nr. cadastral {cadastral_number}).',
          ],
        },
        extindere: {
          subjects: ['Certificat de urbanism pentru extinderea locuinței', 'Cerere certificat de urbanism – extindere și mansardare, {land_address}'],
          bodies: [
            'Doresc extinderea locuinței existente din {land_address} cu o cameră și mansardarea podului. Terenul are {area_sqm} m² și nr. cadastral {cadastral_number}.',
            'Solicit certificatul de urbanism pentru extinderea pe orizontală a casei din {land_address}, nr. cadastral {cadastral_number}.',
          ],
        },
        alipire: {
          subjects: ['Certificat de urbanism pentru dezmembrare teren', 'Certificat de urbanism – alipire loturi, nr. cadastral {cadastral_number}'],
          bodies: [
            'Solicit certificat de urbanism pentru dezmembrarea terenului de {area_sqm} m² din {land_address} în două loturi, în vederea partajului succesoral.',
            'Vă rog să emiteți certificatul de urbanism necesar alipirii celor două parcele pe care le dețin în {land_address} (nr. cadastral {cadastral_number}).',
          ],
        },
        notariat: {
          subjects: ['Certificat de urbanism pentru vânzare teren, nr. cadastral {cadastral_number}', 'Certificat de urbanism necesar la notar'],
          bodies: [
            'Pentru încheierea contractului de vânzare-cumpărare la notar am nevoie de certificatul de urbanism pentru imobilul din {land_address}, nr. cadastral {cadastral_number}.',
            'Notarul public mi-a solicitat certificatul de urbanism pentru terenul de {area_sqm} m² din {land_address}, în vederea dezbaterii succesiunii.',
          ],
        },
        racorduri: {
          subjects: ['Certificat de urbanism – racord la rețeaua de gaze naturale', 'Certificat de urbanism pentru branșament apă și canalizare'],
          bodies: [
            'Doresc racordarea locuinței din {land_address} la rețeaua de distribuție a gazelor naturale. Distribuitorul mi-a comunicat că este necesar certificatul de urbanism.',
            'Solicit certificatul de urbanism pentru executarea branșamentului de apă și a racordului de canalizare la imobilul din {land_address}.',
          ],
        },
        desfiintare: {
          subjects: ['Certificat de urbanism – desființare construcție anexă', 'Cerere certificat de urbanism pentru demolarea unei case vechi'],
          bodies: [
            'Pe terenul din {land_address} se află o construcție anexă degradată, pe care doresc să o demolez. Vă rog să îmi eliberați certificatul de urbanism pentru desființare.',
            'Solicit certificat de urbanism în vederea desființării casei vechi de pe terenul cu nr. cadastral {cadastral_number}, urmând să construiesc o locuință nouă.',
          ],
        },
      },
    },
  },
  URB_AC: {
    subjects: [
      'Cerere autorizație de construire – {construction_type}',
      'Autorizare lucrări de construire, nr. cadastral {cadastral_number}',
      'Depunere documentație DTAC pentru autorizație de construire',
      'Solicitare autorizație de construire conform certificatului de urbanism {cu_number}',
    ],
    bodies: [
      'Depun documentația tehnică pentru obținerea autorizației de construire privind lucrarea „{construction_type}”, pe terenul cu nr. cadastral {cadastral_number}, conform certificatului de urbanism nr. {cu_number}. Valoarea estimată a lucrărilor este de {estimated_value} lei.',
      'Vă rog să emiteți autorizația de construire pentru lucrarea „{construction_type}”. Suprafața construită desfășurată propusă este de {built_area_sqm} m². Am obținut toate avizele cerute prin certificatul de urbanism {cu_number}.',
      'Solicit autorizarea executării lucrărilor („{construction_type}”) pe terenul cu nr. cadastral {cadastral_number}. Anexez proiectul tehnic verificat, avizele furnizorilor de utilități și dovada achitării taxei de autorizare.',
      'Proiectul prevede o suprafață desfășurată de {built_area_sqm} m² și o valoare estimată de {estimated_value} lei. Documentația a fost întocmită de un arhitect cu drept de semnătură, conform certificatului de urbanism {cu_number}.',
    ],
    answers: [
      'Autorizația de construire a fost emisă. Vă reamintim obligația de a anunța data începerii lucrărilor la Inspectoratul de Stat în Construcții și la primărie.',
      'Autorizația de construire a fost emisă, cu termen de începere a lucrărilor de 12 luni de la data emiterii.',
      'Documentația a fost verificată și autorizația de construire a fost emisă; panoul de identificare a investiției trebuie amplasat la vedere pe șantier.',
    ],
  },
  FISC_CERT: {
    subjects: ['Cerere certificat de atestare fiscală', 'Certificat fiscal – {purpose}', 'Eliberare certificat de atestare fiscală, rol {client_code}', 'Certificat de atestare fiscală persoană fizică'],
    bodies: [
      'Vă rog să îmi eliberați certificatul de atestare fiscală privind impozitele și taxele locale. Scopul: {purpose}. Codul de rol fiscal este {client_code}.',
      'Am nevoie de certificatul fiscal în cel mai scurt timp (scop: {purpose}). Am achitat toate obligațiile de plată pe anul în curs.',
      'Solicit eliberarea certificatului de atestare fiscală pentru imobilul și autoturismul înregistrate pe numele meu (rol {client_code}). Scopul solicitării: {purpose}.',
      'Vă rog să transmiteți certificatul de atestare fiscală în format electronic la adresa de e-mail din cerere. Scop: {purpose}.',
    ],
    answers: [
      'Certificatul de atestare fiscală a fost emis; nu figurați cu obligații de plată restante la bugetul local.',
      'Certificatul a fost emis și menționează obligațiile de plată restante la data emiterii; acestea pot fi achitate online prin Ghișeul.ro.',
      'Certificatul de atestare fiscală a fost emis și este valabil 30 de zile de la data eliberării.',
    ],
  },
  PAY: {
    subjects: [],
    bodies: [],
    answers: [
      'În urma verificărilor, plata a fost identificată și înregistrată în contul dvs. fiscal; penalitățile calculate eronat au fost anulate.',
      'Suma plătită în plus a fost compensată cu obligațiile de plată ale anului următor, conform Codului de procedură fiscală.',
      'Plata a fost identificată în extrasul de cont al instituției și alocată corect. Situația actualizată poate fi consultată pe Ghișeul.ro.',
      'Cererea de restituire a fost aprobată; suma va fi virată în contul bancar indicat în termen de 45 de zile.',
      'Verificarea nu a confirmat o eroare: suma a fost alocată pe obligațiile restante din anii anteriori, în ordinea de stingere prevăzută de lege.',
    ],
    byOption: {
      field: 'problem_type',
      pools: {
        neinregistrata: {
          subjects: ['Plată neînregistrată în contul de taxe locale', 'Plata prin {payment_method} nu apare în evidențe'],
          bodies: [
            'În data de {payment_date} am achitat suma de {amount} lei prin {payment_method}, documentul de plată {invoice_number}, însă în contul meu de taxe locale (rol {client_code}) suma nu apare, iar pe site figurează în continuare datorii.',
            'Plata de {amount} lei efectuată pe {payment_date} a fost debitată din contul bancar, dar documentul {invoice_number} nu apare în evidența fiscală (rol {client_code}).',
          ],
        },
        dubla: {
          subjects: ['Am plătit de două ori impozitul – cerere de restituire', 'Plată dublă impozit auto, rol {client_code}'],
          bodies: [
            'Am efectuat de două ori plata impozitului, în valoare de {amount} lei, pe {payment_date} ({invoice_number}). Vă rog să restituiți suma plătită în plus sau să o compensați cu obligațiile viitoare.',
            'Din eroare, plata de {amount} lei a fost făcută de doi membri ai familiei pentru același rol fiscal ({client_code}). Solicit restituirea uneia dintre plăți.',
          ],
        },
        suma_gresita: {
          subjects: ['Sumă calculată greșit pentru taxa de salubrizare', 'Contestare sumă din decizia de impunere'],
          bodies: [
            'Pe decizia de impunere figurează o sumă de {amount} lei pentru taxa de salubrizare, deși în locuință este declarată o singură persoană. Solicit recalcularea (rol {client_code}).',
            'Impozitul pe clădire a fost calculat la o suprafață mai mare decât cea din actul de proprietate. Vă rog să verificați și să corectați suma de {amount} lei.',
          ],
        },
        penalitati: {
          subjects: ['Contestare penalități impozit pe clădiri', 'Penalități de întârziere aplicate eronat'],
          bodies: [
            'Am primit o înștiințare de plată cu penalități de întârziere, deși impozitul a fost achitat la termen, pe {payment_date} ({invoice_number}). Vă rog să verificați și să anulați penalitățile.',
            'Plata de {amount} lei a fost făcută prin {payment_method} înainte de 31 martie, dar mi s-au calculat majorări. Solicit anularea acestora.',
          ],
        },
        restituire: {
          subjects: ['Restituire taxă achitată pentru un serviciu neprestat', 'Cerere de restituire sumă plătită în plus'],
          bodies: [
            'Am achitat {amount} lei pentru eliberarea unui aviz care nu a mai fost emis, deoarece am renunțat la cerere. Vă rog să restituiți suma în contul bancar indicat.',
            'După vânzarea autoturismului am rămas cu o sumă plătită în plus de {amount} lei în rolul fiscal {client_code}. Solicit restituirea ei.',
          ],
        },
      },
    },
  },
  SOC: {
    subjects: [],
    bodies: [],
    answers: [
      'Dosarul a fost analizat, iar dreptul a fost aprobat prin dispoziția primarului, începând cu luna următoare depunerii cererii.',
      'În urma anchetei sociale efectuate la domiciliu, cererea a fost aprobată. Plata se face prin mandat poștal.',
      'Cererea nu poate fi aprobată, deoarece venitul net pe membru de familie depășește pragul prevăzut de lege. Dispoziția poate fi contestată în termen de 30 de zile.',
      'Dreptul a fost stabilit prin dispoziția primarului; eventualele modificări ale veniturilor trebuie comunicate în termen de 15 zile.',
    ],
    byOption: {
      field: 'aid_type',
      pools: {
        vmi: {
          subjects: ['Cerere acordare venit minim de incluziune', 'Solicitare VMI – familie cu {household_members} membri'],
          bodies: [
            'Vă rog să aprobați acordarea venitului minim de incluziune pentru familia mea, formată din {household_members} persoane. Venitul net lunar al familiei este de {monthly_income} lei. Anexez adeverințele de venit și actele de identitate.',
            'Familia noastră are {household_members} membri și un venit lunar de {monthly_income} lei. Nu ne putem acoperi cheltuielile de întreținere și solicit sprijinul prevăzut de Legea nr. 196/2016.',
          ],
        },
        incalzire: {
          subjects: ['Cerere ajutor pentru încălzirea locuinței', 'Ajutor pentru încălzire – sezonul rece'],
          bodies: [
            'Solicit acordarea ajutorului pentru încălzirea locuinței pe perioada sezonului rece. Familia are {household_members} membri, iar venitul net lunar este de {monthly_income} lei.',
            'În gospodărie locuim doi pensionari, cu un venit lunar total de {monthly_income} lei. Vă rog să ne aprobați ajutorul pentru încălzirea locuinței, care se face cu lemne.',
          ],
        },
        urgenta: {
          subjects: ['Solicitare ajutor de urgență în urma unui incendiu', 'Cerere ajutor de urgență'],
          bodies: [
            'În urma unui incendiu care a afectat locuința, solicit acordarea unui ajutor de urgență. Familia are {household_members} membri și un venit de {monthly_income} lei pe lună.',
            'Din cauza unei boli grave nu mai pot lucra, iar venitul familiei a scăzut la {monthly_income} lei. Vă rog să analizați acordarea unui ajutor de urgență.',
          ],
        },
        cantina: {
          subjects: ['Solicitare loc la cantina socială', 'Cerere înscriere la cantina de ajutor social'],
          bodies: [
            'Am peste 75 de ani, nu mai pot găti și am o pensie de {monthly_income} lei. Vă rog să aprobați înscrierea la cantina socială.',
            'Solicit înscrierea la cantina socială pentru mine și cei {household_members} membri ai familiei, având un venit total de {monthly_income} lei.',
          ],
        },
        ingrijire: {
          subjects: ['Cerere evaluare pentru îngrijire la domiciliu', 'Solicitare îngrijitor la domiciliu pentru o persoană vârstnică'],
          bodies: [
            'Mama mea are 84 de ani și nu se mai poate deplasa. Vă rog să efectuați evaluarea socio-medicală pentru acordarea serviciilor de îngrijire la domiciliu.',
            'Solicit evaluarea nevoilor de îngrijire la domiciliu pentru tatăl meu, care locuiește singur după un accident vascular. Venitul său este de {monthly_income} lei.',
          ],
        },
      },
    },
  },
  ARH: {
    subjects: ['Cerere copie conformă – {document_type}', 'Solicitare copie din arhivă: {document_reference}', 'Eliberare copii acte din arhiva primăriei', 'Copie certificată a documentului {document_reference}'],
    bodies: [
      'Solicit o copie certificată a documentului {document_reference} (tip: {document_type}), necesară în dosarul de succesiune. Număr de exemplare: {copies}.',
      'Pentru intabularea construcției am nevoie de copia documentului {document_reference} aflat în arhiva instituției. Tip document: {document_type}.',
      'Vă rog să căutați în arhivă și să îmi eliberați copia actului {document_reference}, emis pe numele părinților mei.',
      'Solicit copii ale documentului {document_reference} ({document_type}), necesare într-un dosar aflat pe rolul instanței. Număr de exemplare: {copies}.',
    ],
    answers: [
      'Copia conformă cu originalul a fost eliberată.',
      'Documentul a fost identificat în arhivă, iar copia certificată a fost eliberată contra taxei stabilite prin hotărâre a Consiliului Local.',
      'Copiile solicitate au fost eliberate; un exemplar al cererii rămâne la dosar.',
    ],
  },
  PET: {
    subjects: [],
    bodies: [],
    answers: [
      'Propunerea dvs. a fost analizată și va fi inclusă în planul de investiții pentru anul viitor, în limita fondurilor disponibile.',
      'Vă informăm că lucrările solicitate au fost programate și vor fi executate în următoarele 60 de zile.',
      'Din verificările efectuate, terenul indicat este proprietate privată, astfel că primăria nu poate realiza lucrările solicitate.',
      'Vă mulțumim pentru propunere. Proiectul este în curs de elaborare, iar dezbaterea publică va fi anunțată pe site-ul instituției.',
      'Solicitarea a fost analizată în ședința comisiei de specialitate a Consiliului Local, care a avizat favorabil propunerea.',
    ],
    byOption: {
      field: 'topic',
      pools: {
        transport: {
          subjects: ['Propunere prelungire program autobuz linia {line}', 'Solicitare stație de autobuz nouă în cartierul {district}'],
          bodies: [
            'Vă rog să analizați prelungirea programului pe linia {line} după ora 22:00. Mulți locuitori lucrează în schimburi și nu au cum să ajungă acasă.',
            'Locuitorii din cartierul {district} parcurg peste un kilometru până la cea mai apropiată stație. Solicităm amenajarea unei stații pe {street}, deservită de linia {line}.',
          ],
        },
        drumuri: {
          subjects: ['Solicitare asfaltare {street}', 'Solicitare montare limitatoare de viteză pe {street}'],
          bodies: [
            '{street} nu este asfaltată, iar pe timp de ploaie devine impracticabilă. Solicităm includerea ei în programul de modernizare a străzilor pe anul {year}.',
            'Pe {street} autoturismele circulă cu viteză foarte mare, deși în apropiere se află o școală. Vă rugăm să montați limitatoare de viteză și indicatoare de avertizare.',
          ],
        },
        mediu: {
          subjects: ['Petiție privind amenajarea unui loc de joacă în cartierul {district}', 'Propunere plantare arbori pe {street}'],
          bodies: [
            'Locuitorii din cartierul {district} vă roagă să amenajați un loc de joacă pe terenul viran de lângă {street} nr. {nr}. În zonă locuiesc multe familii tinere și nu există niciun spațiu de joacă în apropiere.',
            'Propunem plantarea de arbori pe aliniamentul din {street}, unde vara temperatura asfaltului devine insuportabilă. Asociația de proprietari se oferă să îi îngrijească.',
          ],
        },
        utilitati: {
          subjects: ['Solicitare extindere rețea de apă și canalizare pe {street}', 'Petiție colectivă a locatarilor din {street} nr. {nr}'],
          bodies: [
            'Pe {street} nu există rețea de apă și canalizare, deși s-au construit peste 30 de case noi. Vă rugăm să includeți strada în proiectul de extindere a rețelelor.',
            'Locatarii blocului din {street} nr. {nr} solicită refacerea iluminatului din curtea interioară și amenajarea de locuri de parcare de reședință.',
          ],
        },
        administratie: {
          subjects: ['Solicitare audiență la primar', 'Cerere informații privind programul de reabilitare termică'],
          bodies: [
            'Doresc o audiență la domnul primar pentru a prezenta situația terenului din {street}, pentru care nu s-a găsit o soluție de mai mulți ani.',
            'Solicit informații despre stadiul proiectului de reabilitare termică pentru blocul din {street} nr. {nr}, pentru care asociația de proprietari a depus documentația anul trecut.',
          ],
        },
      },
    },
  },
  SES: {
    subjects: [],
    bodies: [],
    answers: [
      'Echipa de intervenție s-a deplasat la fața locului și a remediat problema semnalată.',
      'Problema a fost remediată de operatorul de servicii publice în termen de 48 de ore de la verificarea pe teren.',
      'Poliția Locală a efectuat un control în zona indicată și a aplicat sancțiuni contravenționale.',
      'Lucrarea a fost inclusă în programul de întreținere și va fi executată în perioada următoare.',
      'În urma verificării pe teren nu a fost constatată problema semnalată; vom monitoriza în continuare zona.',
    ],
    byOption: {
      field: 'problem_type',
      pools: {
        groapa: { subjects: ['Groapă periculoasă în carosabil pe {street}', 'Trotuar degradat pe {street}'], bodies: ['În dreptul numărului {nr} de pe {street} s-a format o groapă adâncă în carosabil, în care mașinile intră zilnic. Noaptea nu se vede deloc.', 'Trotuarul de pe {street} este rupt pe o porțiune de câțiva metri; persoanele în vârstă și cele cu cărucioare merg pe carosabil.'] },
        iluminat: { subjects: ['Iluminat public nefuncțional pe {street}', 'Lămpi stradale stinse în cartierul {district}'], bodies: ['De mai bine de o săptămână iluminatul public de pe {street} nu funcționează, iar zona devine nesigură după lăsarea întunericului.', 'Trei stâlpi de iluminat din apropierea numărului {nr} de pe {street} sunt stinși, iar unul pâlpâie continuu.'] },
        salubritate: { subjects: ['Deșeuri abandonate lângă {street} nr. {nr}', 'Gunoiul nu a fost ridicat de o săptămână pe {street}'], bodies: ['Lângă platforma de gunoi de pe {street} s-au adunat deșeuri din construcții și mobilier vechi, care atrag rozătoare.', 'Containerele de pe {street} nu au mai fost golite de o săptămână, iar mirosul este insuportabil.'] },
        spatii_verzi: { subjects: ['Copac uscat cu risc de cădere pe {street}', 'Spațiu verde neîngrijit în cartierul {district}'], bodies: ['Un arbore uscat din fața blocului de pe {street} nr. {nr} s-a înclinat spre parcare și poate cădea la prima furtună.', 'Iarba din parcul de pe {street} nu a mai fost cosită de două luni, iar băncile sunt rupte.'] },
        parcare: { subjects: ['Autoturisme parcate pe trotuar pe {street}', 'Mașină abandonată în parcarea de pe {street}'], bodies: ['Zilnic, pe {street}, autoturismele sunt parcate pe trotuar, iar pietonii sunt nevoiți să circule pe carosabil.', 'În parcarea de pe {street} se află de mai multe luni un autoturism fără numere de înmatriculare, cu geamurile sparte.'] },
        zgomot: { subjects: ['Zgomot puternic noaptea pe {street}', 'Lucrări de construcții în afara orelor permise pe {street}'], bodies: ['Localul de pe {street} nr. {nr} difuzează muzică la volum foarte mare până după ora 2 noaptea, în fiecare weekend.', 'Pe șantierul de pe {street} se lucrează și după ora 22:00, inclusiv duminica, cu utilaje grele.'] },
        canalizare: { subjects: ['Capac de canal lipsă pe {street}', 'Canalizare înfundată pe {street}'], bodies: ['În dreptul numărului {nr} de pe {street} lipsește capacul unei guri de canal; gaura este semnalizată doar cu o creangă.', 'La fiecare ploaie, canalizarea de pe {street} refulează, iar apa intră în curțile oamenilor.'] },
        semnalizare: { subjects: ['Semafor defect la intersecția {street} cu {street2}', 'Indicator rutier căzut pe {street}'], bodies: ['Semaforul de la intersecția {street} cu {street2} funcționează doar pe galben intermitent, iar la orele de vârf se produc aproape-accidente.', 'Indicatorul „Trecere pentru pietoni” de pe {street} a fost doborât și zace pe trotuar.'] },
        animale: { subjects: ['Câini fără stăpân în zona {district}', 'Haită de câini lângă școala de pe {street}'], bodies: ['În zona {district}, lângă {street}, o haită de câini fără stăpân atacă trecătorii, mai ales dimineața devreme.', 'Lângă școala de pe {street} stau zilnic mai mulți câini fără stăpân, iar părinții se tem pentru copii.'] },
      },
    },
  },
};
