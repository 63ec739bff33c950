import type { Shape } from '../shape.ts';
import type { portalEn } from './en.ts';

export const portalIt = {
  portal: {
    skip: 'Vai al contenuto', language: 'Lingua', loading: 'Caricamento…', unknownInstitution: 'Questo ente non esiste qui.', unavailable: 'Il servizio non è disponibile al momento. Riprova più tardi.',
    footer: 'CivicLine — richieste agli enti pubblici. I tuoi dati sono trattati solo per rispondere alla richiesta.',
    welcome: '{{name}}', intro: 'Invia una richiesta, una segnalazione o un’istanza e seguila con il numero di protocollo.',
    submitTitle: 'Presenta una richiesta', submitIntro: 'Scegli l’argomento, compila il modulo e allega i documenti.', submitButton: 'Inizia una richiesta',
    statusTitle: 'Verifica una richiesta', statusIntro: 'Inserisci il numero di protocollo ricevuto.', statusButton: 'Verifica una richiesta',
    pickInstitution: 'Apri l’indirizzo del portale fornito dall’ente, o inserisci il suo nome breve.', institutionSlug: 'Nome breve dell’ente', go: 'Apri',
    errorsTitle_one: 'C’è {{count}} problema', errorsTitle_other: 'Ci sono {{count}} problemi',
    groups: {},
    form: {
      requiredNote: 'I campi con * sono obbligatori.', what: 'La tua richiesta', who: 'I tuoi recapiti', category: 'Di cosa si tratta?', subject: 'Oggetto', description: 'Descrivi la richiesta',
      attachments: 'Documenti', attachmentsHelp: 'PDF, immagini o documenti d’ufficio, massimo 20 MB ciascuno.', addFile: 'Aggiungi file', deadline: 'Il termine di legge per la risposta è di {{amount}} {{unit}}.',
      firstName: 'Nome', lastName: 'Cognome', email: 'E-mail', phone: 'Cellulare', preferredChannel: 'Come ti avvisiamo?', byEmail: 'Per e-mail', bySms: 'Per SMS',
      emailNeeded: 'Inserisci l’e-mail o scegli SMS', phoneNeeded: 'Inserisci il cellulare o scegli e-mail',
      consent: 'Acconsento al trattamento dei miei dati personali da parte di {{name}} per gestire questa richiesta (GDPR art. 6, par. 1, lett. e).', consentShort: 'Consenso', consentRequired: 'Serve il consenso per poter gestire la richiesta',
      send: 'Invia la richiesta', waitUploads: 'Attendi il caricamento dei file.',
    },
    done: {
      title: 'La richiesta è protocollata', number: 'Numero di protocollo', registered: 'Protocollata il {{at}}.', due: 'Riceverai risposta entro il {{at}}.',
      ack: { email: 'Ti abbiamo inviato anche una conferma per e-mail.', sms: 'Ti abbiamo inviato anche una conferma per SMS.' }, keep: 'Conserva il numero: serve per verificare la richiesta.',
    },
    status: {
      number: 'Numero di protocollo', numberHelp: 'Come nella conferma, es. PET-2026-000123', numberNeeded: 'Inserisci il numero di protocollo', check: 'Verifica',
      notFound: 'Nessuna richiesta ha questo numero. Controllalo e riprova.', request: 'Richiesta {{number}}', state: 'Stato', category: 'Tipo', registered: 'Protocollata', due: 'Risposta entro',
      lastChange: 'Ultima modifica', notes: 'Messaggi dell’ente', privacy: 'Mostriamo solo lo stato e i messaggi destinati a te.',
    },
  },
} satisfies Shape<typeof portalEn>;
