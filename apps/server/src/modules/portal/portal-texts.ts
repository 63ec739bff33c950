import type { Language } from '@civicline/contracts';
import type { FieldError } from '../../platform/errors.ts';

/** How a request's status reads to a citizen: shared with the portal page (packages/contracts). */
export { STATUS_TEXT } from '@civicline/contracts';

type ErrorKey =
  | 'invalid'
  | 'not_found'
  | 'rate_limited'
  | 'too_large'
  | 'file_type'
  | 'upload_expired'
  | 'verification_required'
  | 'sign_in_failed'
  | 'signed_out'
  | 'server'
  | 'malformed'
  | 'required'
  | 'field';

const ERRORS: Record<Language, Record<ErrorKey, string>> = {
  ro: {
    invalid: 'Unele câmpuri trebuie corectate.',
    not_found: 'Nu am găsit o cerere cu acest număr. Verificați numărul și încercați din nou.',
    rate_limited: 'Prea multe încercări. Vă rugăm să reveniți peste un minut.',
    too_large: 'Fișierul este prea mare.',
    file_type: 'Acceptăm doar PDF, imagini (JPEG, PNG, TIFF), documente Office și text.',
    upload_expired: 'Un fișier încărcat a expirat. Încărcați-l din nou.',
    verification_required: 'Pentru această cerere este nevoie de o verificare suplimentară a identității.',
    sign_in_failed: 'Codul este greșit sau a expirat; cereți unul nou.',
    signed_out: 'Autentificați-vă cu un cod de unică folosință.',
    server: 'A apărut o problemă la noi. Vă rugăm să încercați din nou.',
    malformed: 'Cererea nu a putut fi citită. Reîncărcați pagina și încercați din nou.',
    required: 'Câmp obligatoriu',
    field: 'Valoare nevalidă',
  },
  ru: {
    invalid: 'Некоторые поля нужно исправить.',
    not_found: 'Обращение с таким номером не найдено. Проверьте номер и попробуйте снова.',
    rate_limited: 'Слишком много попыток. Повторите через минуту.',
    too_large: 'Файл слишком большой.',
    file_type: 'Принимаются только PDF, изображения (JPEG, PNG, TIFF), документы Office и текст.',
    upload_expired: 'Срок хранения загруженного файла истёк. Загрузите его снова.',
    verification_required: 'Для этого обращения нужна дополнительная проверка личности.',
    sign_in_failed: 'Код неверен или истёк; запросите новый.',
    signed_out: 'Войдите с помощью одноразового кода.',
    server: 'У нас возникла ошибка. Пожалуйста, попробуйте ещё раз.',
    malformed: 'Не удалось прочитать запрос. Обновите страницу и попробуйте снова.',
    required: 'Обязательное поле',
    field: 'Недопустимое значение',
  },
  it: {
    invalid: 'Alcuni campi devono essere corretti.',
    not_found: 'Non abbiamo trovato una richiesta con questo numero. Controlli il numero e riprovi.',
    rate_limited: 'Troppi tentativi. Riprovi tra un minuto.',
    too_large: 'Il file è troppo grande.',
    file_type: 'Accettiamo solo PDF, immagini (JPEG, PNG, TIFF), documenti Office e testo.',
    upload_expired: 'Un file caricato è scaduto. Lo carichi di nuovo.',
    verification_required: 'Per questa richiesta serve una verifica aggiuntiva dell’identità.',
    sign_in_failed: 'Il codice è errato o scaduto; ne chieda uno nuovo.',
    signed_out: 'Acceda con un codice monouso.',
    server: 'Si è verificato un problema da parte nostra. Riprovi.',
    malformed: 'Non è stato possibile leggere la richiesta. Ricarichi la pagina e riprovi.',
    required: 'Campo obbligatorio',
    field: 'Valore non valido',
  },
  vi: {
    invalid: 'Một số trường cần được sửa lại.',
    not_found: 'Không tìm thấy hồ sơ với số này. Vui lòng kiểm tra lại số hồ sơ.',
    rate_limited: 'Quý vị đã thử quá nhiều lần. Vui lòng thử lại sau một phút.',
    too_large: 'Tệp quá lớn.',
    file_type: 'Chỉ chấp nhận PDF, hình ảnh (JPEG, PNG, TIFF), tài liệu văn phòng và văn bản.',
    upload_expired: 'Tệp đã tải lên đã hết hạn. Vui lòng tải lại.',
    verification_required: 'Hồ sơ này cần xác minh danh tính bổ sung.',
    sign_in_failed: 'Mã không đúng hoặc đã hết hạn; vui lòng yêu cầu mã mới.',
    signed_out: 'Vui lòng đăng nhập bằng mã dùng một lần.',
    server: 'Đã có lỗi từ phía chúng tôi. Vui lòng thử lại.',
    malformed: 'Không đọc được yêu cầu. Vui lòng tải lại trang và thử lại.',
    required: 'Trường bắt buộc',
    field: 'Giá trị không hợp lệ',
  },
  en: {
    invalid: 'Some fields need correcting.',
    not_found: 'We could not find a request with this number. Check the number and try again.',
    rate_limited: 'Too many attempts. Please try again in a minute.',
    too_large: 'The file is too large.',
    file_type: 'We accept PDF, images (JPEG, PNG, TIFF), office documents and text only.',
    upload_expired: 'An uploaded file has expired. Please upload it again.',
    verification_required: 'This request needs an extra identity check.',
    sign_in_failed: 'The code is wrong or has expired; ask for a new one.',
    signed_out: 'Sign in with a one-time code.',
    server: 'Something went wrong on our side. Please try again.',
    malformed: 'Your request could not be read. Reload the page and try again.',
    required: 'Required',
    field: 'Not a valid value',
  },
};

const CODE_KEY: Record<string, ErrorKey> = {
  'request.validation_failed': 'invalid',
  'category.field_invalid': 'invalid',
  'citizen.invalid_phone': 'invalid',
  'citizen.invalid_national_id': 'invalid',
  'case.anonymous_not_allowed': 'invalid',
  'category.inactive': 'invalid',
  'resource.not_found': 'not_found',
  'request.rate_limited': 'rate_limited',
  'request.too_large': 'too_large',
  'attachment.too_large': 'too_large',
  'attachment.forbidden_type': 'file_type',
  'request.unsupported_media_type': 'malformed',
  'request.malformed_json': 'malformed',
  'portal.upload_invalid': 'upload_expired',
  'portal.verification_required': 'verification_required',
  'portal.sign_in_failed': 'sign_in_failed',
  'auth.unauthenticated': 'signed_out',
  'server.internal': 'server',
};

/** Problems told in the citizen's language; field paths stay, field messages are translated. */
export function translateProblem(language: Language) {
  return (p: { code: string; detail: string; errors?: FieldError[] | undefined }) => {
    const key = CODE_KEY[p.code];
    const t = ERRORS[language];
    return {
      detail: key ? t[key] : p.detail,
      errors: p.errors?.map((e) => ({ ...e, message: /^required$/i.test(e.message) ? t.required : t.field })),
    };
  };
}
