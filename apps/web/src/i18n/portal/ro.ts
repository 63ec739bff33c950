import type { Shape } from '../shape.ts';
import type { portalEn } from './en.ts';

export const portalRo = {
  portal: {
    skip: 'Salt la conținut', language: 'Limba', loading: 'Se încarcă…', unknownInstitution: 'Această instituție nu există aici.', unavailable: 'Serviciul nu este disponibil momentan. Încercați mai târziu.',
    footer: 'CivicLine — cereri către instituțiile publice. Datele dumneavoastră sunt prelucrate doar pentru a vă răspunde.',
    welcome: '{{name}}', intro: 'Trimiteți o cerere, o sesizare sau o petiție și urmăriți-o după numărul de înregistrare.',
    submitTitle: 'Depuneți o cerere', submitIntro: 'Alegeți despre ce este vorba, completați formularul și atașați documentele.', submitButton: 'Începeți o cerere',
    statusTitle: 'Verificați o cerere', statusIntro: 'Introduceți numărul de înregistrare primit.', statusButton: 'Verificați o cerere',
    pickInstitution: 'Deschideți adresa portalului dată de instituție sau introduceți numele ei scurt.', institutionSlug: 'Numele scurt al instituției', go: 'Deschide',
    errorsTitle_one: 'Există {{count}} problemă', errorsTitle_few: 'Există {{count}} probleme', errorsTitle_other: 'Există {{count}} de probleme',
    groups: {},
    form: {
      requiredNote: 'Câmpurile marcate cu * sunt obligatorii.', what: 'Cererea dumneavoastră', who: 'Datele de contact', category: 'Despre ce este vorba?', subject: 'Subiect', description: 'Descrieți cererea',
      attachments: 'Documente', attachmentsHelp: 'PDF, imagini sau documente office, cel mult 20 MB fiecare.', addFile: 'Adăugați fișiere', deadline: 'Termenul legal de răspuns este de {{amount}} {{unit}}.',
      firstName: 'Prenume', lastName: 'Nume', email: 'E-mail', phone: 'Telefon mobil', preferredChannel: 'Cum vă anunțăm?', byEmail: 'Prin e-mail', bySms: 'Prin SMS',
      emailNeeded: 'Introduceți adresa de e-mail sau alegeți SMS', phoneNeeded: 'Introduceți numărul de mobil sau alegeți e-mail',
      consent: 'Sunt de acord ca {{name}} să-mi prelucreze datele personale pentru soluționarea acestei cereri (GDPR art. 6 alin. (1) lit. e)).', consentShort: 'Consimțământ', consentRequired: 'Trebuie să fiți de acord pentru ca cererea să poată fi soluționată',
      send: 'Trimiteți cererea', waitUploads: 'Așteptați încărcarea fișierelor.',
    },
    done: {
      title: 'Cererea a fost înregistrată', number: 'Număr de înregistrare', registered: 'Înregistrată la {{at}}.', due: 'Veți primi răspuns până la {{at}}.',
      ack: { email: 'V-am trimis și o confirmare prin e-mail.', sms: 'V-am trimis și o confirmare prin SMS.' }, keep: 'Păstrați numărul: vă trebuie pentru a verifica cererea.',
    },
    status: {
      number: 'Număr de înregistrare', numberHelp: 'Așa cum apare în confirmare, de ex. PET-2026-000123', numberNeeded: 'Introduceți numărul de înregistrare', check: 'Verifică',
      notFound: 'Nicio cerere nu are acest număr. Verificați-l și încercați din nou.', request: 'Cererea {{number}}', state: 'Stare', category: 'Tip', registered: 'Înregistrată', due: 'Termen de răspuns',
      lastChange: 'Ultima modificare', notes: 'Mesaje de la instituție', privacy: 'Afișăm doar starea și mesajele destinate dumneavoastră; nimic altceva despre cerere.',
    },
  },
} satisfies Shape<typeof portalEn>;
