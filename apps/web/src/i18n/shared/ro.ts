import type { Shape } from '../shape.ts';
import type { SharedTexts } from './en.ts';

export const sharedRo = {
  common: { close: 'Închide', cancel: 'Renunță', failed: 'Ceva nu a mers. Încercați din nou.', loadFailed: 'Nu s-a putut încărca. Verificați conexiunea și încercați din nou.', loading: 'Se încarcă…', selected: 'selectat' },
  status: {
    draft: 'Ciornă', registered: 'Înregistrată', assigned: 'Repartizată', in_progress: 'În lucru', suspended: 'Suspendată (termen oprit)',
    resolution_proposed: 'Răspuns propus', resolved: 'Soluționată', closed: 'Închisă', rejected: 'Respinsă', redirected: 'Redirecționată', withdrawn: 'Retrasă', reopened: 'Redeschisă',
  },
  fields: { fileBelow: 'adăugați documentul la secțiunea Documente', choose: 'Alegeți…' },
  fieldErrors: {
    required: 'Câmpul este obligatoriu', unknown_field: 'Câmpul nu face parte din formular', not_text: 'Introduceți text', too_short: 'Introduceți cel puțin {{min}} caractere',
    too_long: 'Introduceți cel mult {{max}} caractere', bad_format: 'Valoarea nu are formatul așteptat', not_number: 'Introduceți un număr', too_small: 'Introduceți cel puțin {{min}}',
    too_large: 'Introduceți cel mult {{max}}', not_date: 'Introduceți o dată reală (AAAA-LL-ZZ)', not_boolean: 'Alegeți da sau nu', not_option: 'Alegeți una dintre opțiuni',
    duplicate_option: 'O opțiune este aleasă de două ori', too_few_options: 'Alegeți cel puțin {{min}}', too_many_options: 'Alegeți cel mult {{max}}', not_file: 'Alegeți un fișier încărcat',
  },
  validation: { required: 'Câmpul este obligatoriu', invalid: 'Valoarea nu este validă', minLength: 'Introduceți cel puțin {{min}} caractere', maxLength: 'Introduceți cel mult {{max}} caractere', min: 'Introduceți cel puțin {{min}}', max: 'Introduceți cel mult {{max}}', email: 'Introduceți o adresă de e-mail validă' },
  upload: { progress: 'Se încarcă {{pct}}%', done: 'Încărcat', failed: 'Neîncărcat', remove: 'Eliminați {{name}}', removeShort: 'Elimină', progressOf: 'Progresul încărcării {{name}}' },
  deadlineUnit: { calendar_days: 'zile calendaristice', working_days: 'zile lucrătoare', working_hours: 'ore lucrătoare' },
  errors: {
    'attachment.too_large': 'Fișierul este prea mare', 'attachment.forbidden_type': 'Acest tip de fișier nu este acceptat', 'request.rate_limited': 'Prea multe încercări; așteptați puțin',
    'resource.stale_version': 'Altcineva a modificat între timp; s-a reîncărcat', 'auth.forbidden': 'Nu aveți dreptul să faceți asta', 'case.invalid_transition': 'Dosarul nu mai permite această acțiune',
    'server.unavailable': 'Serviciul nu poate fi contactat', 'request.validation_failed': 'Unele câmpuri nu sunt valide',
  },
} satisfies Shape<SharedTexts>;
