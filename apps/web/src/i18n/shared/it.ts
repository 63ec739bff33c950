import type { Shape } from '../shape.ts';
import type { SharedTexts } from './en.ts';

export const sharedIt = {
  common: { close: 'Chiudi', cancel: 'Annulla', failed: 'Qualcosa non ha funzionato. Riprova.', loadFailed: 'Impossibile caricare. Controlla la connessione e riprova.', loading: 'Caricamento…', selected: 'selezionato' },
  status: {
    draft: 'Bozza', registered: 'Protocollata', assigned: 'Assegnata', in_progress: 'In lavorazione', suspended: 'Sospesa (termine fermo)',
    resolution_proposed: 'Risposta proposta', resolved: 'Evasa', closed: 'Chiusa', rejected: 'Respinta', redirected: 'Inoltrata', withdrawn: 'Ritirata', reopened: 'Riaperta',
  },
  fields: { fileBelow: 'aggiungi il documento negli allegati', choose: 'Scegli…' },
  fieldErrors: {
    required: 'Campo obbligatorio', unknown_field: 'Il campo non fa parte del modulo', not_text: 'Inserisci un testo', too_short: 'Inserisci almeno {{min}} caratteri',
    too_long: 'Inserisci al massimo {{max}} caratteri', bad_format: 'Il valore non ha il formato previsto', not_number: 'Inserisci un numero', too_small: 'Inserisci almeno {{min}}',
    too_large: 'Inserisci al massimo {{max}}', not_date: 'Inserisci una data valida (AAAA-MM-GG)', not_boolean: 'Scegli sì o no', not_option: 'Scegli una delle opzioni',
    duplicate_option: 'Un’opzione è scelta due volte', too_few_options: 'Scegli almeno {{min}}', too_many_options: 'Scegli al massimo {{max}}', not_file: 'Scegli un file caricato',
  },
  validation: { required: 'Campo obbligatorio', invalid: 'Valore non valido', minLength: 'Inserisci almeno {{min}} caratteri', maxLength: 'Inserisci al massimo {{max}} caratteri', min: 'Inserisci almeno {{min}}', max: 'Inserisci al massimo {{max}}', email: 'Inserisci un indirizzo e-mail valido' },
  upload: { progress: 'Caricamento {{pct}}%', done: 'Caricato', failed: 'Non caricato', remove: 'Rimuovi {{name}}', removeShort: 'Rimuovi', progressOf: 'Avanzamento del caricamento di {{name}}' },
  deadlineUnit: { calendar_days: 'giorni di calendario', working_days: 'giorni lavorativi', working_hours: 'ore lavorative' },
  errors: {
    'attachment.too_large': 'Il file è troppo grande', 'attachment.forbidden_type': 'Questo tipo di file non è accettato', 'request.rate_limited': 'Troppi tentativi; attendi un momento',
    'resource.stale_version': 'Qualcuno ha modificato nel frattempo; ricaricato', 'auth.forbidden': 'Non puoi farlo', 'case.invalid_transition': 'La pratica non consente più questa azione',
    'server.unavailable': 'Il servizio non è raggiungibile', 'request.validation_failed': 'Alcuni campi non sono validi',
  },
} satisfies Shape<SharedTexts>;
