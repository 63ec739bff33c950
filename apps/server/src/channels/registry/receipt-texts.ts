import { IntlMessageFormat } from 'intl-messageformat';
import type { DeliveryMethod, Language } from '@civicline/contracts';

/**
 * The words of the printed receipt, in every citizen language (ICU MessageFormat: values go into
 * whole sentences, never sentences glued from pieces). English is the fallback.
 */
interface ReceiptText {
  title: string;
  subtitle: string;
  number: string;
  registeredAt: string;
  category: string;
  deadline: string;
  noDeadline: string;
  sender: string;
  senderReference: string;
  delivery: string;
  receivedOn: string;
  pages: string;
  subject: string;
  scans: string;
  registrar: string;
  signature: string;
  statusHelp: string;
  keep: string;
  deliveries: Record<DeliveryMethod, string>;
}

const TEXTS: Record<Language, ReceiptText> = {
  ro: {
    title: 'Recipisă',
    subtitle: 'de înregistrare a documentului',
    number: 'Număr de înregistrare',
    registeredAt: 'Data și ora înregistrării',
    category: 'Categoria',
    deadline: 'Termenul legal de răspuns',
    noDeadline: 'fără termen legal',
    sender: 'Expeditor',
    senderReference: 'Nr. de ieșire al expeditorului',
    delivery: 'Modul de primire',
    receivedOn: 'Data primirii',
    pages: 'Număr de pagini',
    subject: 'Obiectul',
    scans: '{count, plural, one {# fișier scanat} few {# fișiere scanate} other {# de fișiere scanate}}',
    registrar: 'Înregistrat de',
    signature: 'Semnătura și ștampila',
    statusHelp: 'Verificați stadiul cererii scanând codul sau la adresa: {url}',
    keep: 'Păstrați această recipisă: numărul de înregistrare identifică documentul dumneavoastră în orice corespondență cu {institution}.',
    deliveries: { post: 'prin poștă', courier: 'prin curier', in_person: 'depus personal', fax_paper: 'fax pe hârtie' },
  },
  ru: {
    title: 'Расписка',
    subtitle: 'о регистрации документа',
    number: 'Регистрационный номер',
    registeredAt: 'Дата и время регистрации',
    category: 'Категория',
    deadline: 'Установленный законом срок ответа',
    noDeadline: 'срок не установлен',
    sender: 'Отправитель',
    senderReference: 'Исходящий номер отправителя',
    delivery: 'Способ поступления',
    receivedOn: 'Дата поступления',
    pages: 'Количество листов',
    subject: 'Содержание',
    scans: '{count, plural, one {# скан-копия} few {# скан-копии} many {# скан-копий} other {# скан-копии}}',
    registrar: 'Зарегистрировал(а)',
    signature: 'Подпись и печать',
    statusHelp: 'Узнать о ходе рассмотрения можно, отсканировав код, или по адресу: {url}',
    keep: 'Сохраните эту расписку: регистрационный номер обозначает ваш документ во всей переписке с {institution}.',
    deliveries: { post: 'по почте', courier: 'курьером', in_person: 'лично', fax_paper: 'факс на бумаге' },
  },
  it: {
    title: 'Ricevuta',
    subtitle: 'di protocollazione del documento',
    number: 'Numero di protocollo',
    registeredAt: 'Data e ora di protocollazione',
    category: 'Categoria',
    deadline: 'Termine di legge per la risposta',
    noDeadline: 'nessun termine di legge',
    sender: 'Mittente',
    senderReference: 'Protocollo del mittente',
    delivery: 'Modalità di ricezione',
    receivedOn: 'Data di ricezione',
    pages: 'Numero di pagine',
    subject: 'Oggetto',
    scans: '{count, plural, one {# file scansionato} other {# file scansionati}}',
    registrar: 'Protocollato da',
    signature: 'Firma e timbro',
    statusHelp: 'Verifichi lo stato della pratica inquadrando il codice o all’indirizzo: {url}',
    keep: 'Conservi questa ricevuta: il numero di protocollo identifica il suo documento in ogni comunicazione con {institution}.',
    deliveries: { post: 'per posta', courier: 'tramite corriere', in_person: 'consegna a mano', fax_paper: 'fax cartaceo' },
  },
  vi: {
    title: 'Giấy biên nhận',
    subtitle: 'tiếp nhận hồ sơ, văn bản',
    number: 'Số tiếp nhận',
    registeredAt: 'Ngày giờ tiếp nhận',
    category: 'Loại hồ sơ',
    deadline: 'Hạn trả lời theo quy định',
    noDeadline: 'không có hạn theo quy định',
    sender: 'Người gửi',
    senderReference: 'Số văn bản của người gửi',
    delivery: 'Hình thức nhận',
    receivedOn: 'Ngày nhận',
    pages: 'Số trang',
    subject: 'Trích yếu',
    scans: '{count, plural, other {# tệp bản quét}}',
    registrar: 'Người tiếp nhận',
    signature: 'Chữ ký và con dấu',
    statusHelp: 'Tra cứu tình trạng hồ sơ bằng cách quét mã hoặc tại địa chỉ: {url}',
    keep: 'Vui lòng giữ giấy biên nhận này: số tiếp nhận dùng để tra cứu hồ sơ của quý vị với {institution}.',
    deliveries: { post: 'qua bưu điện', courier: 'qua chuyển phát', in_person: 'nộp trực tiếp', fax_paper: 'fax bản giấy' },
  },
  en: {
    title: 'Receipt',
    subtitle: 'of registration of a document',
    number: 'Registration number',
    registeredAt: 'Date and time of registration',
    category: 'Category',
    deadline: 'Legal deadline for the answer',
    noDeadline: 'no legal deadline',
    sender: 'Sender',
    senderReference: "Sender's reference",
    delivery: 'Received by',
    receivedOn: 'Date received',
    pages: 'Number of pages',
    subject: 'Subject',
    scans: '{count, plural, one {# scanned file} other {# scanned files}}',
    registrar: 'Registered by',
    signature: 'Signature and stamp',
    statusHelp: 'Check the status by scanning the code or at: {url}',
    keep: 'Keep this receipt: the registration number identifies your document in any correspondence with {institution}.',
    deliveries: { post: 'post', courier: 'courier', in_person: 'in person', fax_paper: 'fax on paper' },
  },
};

export const LOCALES: Record<Language, string> = { ro: 'ro-RO', ru: 'ru-RU', it: 'it-IT', vi: 'vi-VN', en: 'en-GB' };

export function receiptLanguage(language: string): Language {
  return (Object.hasOwn(TEXTS, language) ? language : 'en') as Language;
}

export function receiptTexts(language: Language) {
  const t = TEXTS[language];
  const locale = LOCALES[language];
  const fmt = (message: string, values: Record<string, string | number>) => String(new IntlMessageFormat(message, locale).format(values));
  return {
    ...t,
    scans: (count: number) => fmt(t.scans, { count }),
    statusHelp: (url: string) => fmt(t.statusHelp, { url }),
    keep: (institution: string) => fmt(t.keep, { institution }),
  };
}
