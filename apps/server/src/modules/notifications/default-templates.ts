import type { Language } from '@civicline/contracts';

/**
 * The default texts of the citizen notices, per template and language (ICU MessageFormat). Each
 * has a subject and a body for e-mail and the portal inbox, and a short text for SMS. Variables:
 * {institution} {number} {category} {subject} {date} {due} {newDue} {reason} {department} {agency}
 * {agencyContact} {amount} {receiptNumber} {payUrl} {postalCode} {trackingNumber} {address}
 * {startsAt} {previousStartsAt} {place} {statusUrl}. Dates come formatted in the institution's
 * time zone and the citizen's language, amounts in the local currency.
 */
export type TemplateText = { subject: string; body: string; sms: string };

const REFUSAL_REASON: Record<Language, string> = {
  ro: '{reason, select, inadmissible {cererea nu este de competența noastră sau nu poate fi primită} duplicate {cererea repetă una deja înregistrată} anonymous_not_allowed {cererea nu poate fi anonimă} incomplete {cererea este incompletă} other {motivul este explicat în răspuns}}',
  ru: '{reason, select, inadmissible {обращение не может быть принято} duplicate {обращение повторяет уже зарегистрированное} anonymous_not_allowed {обращение не может быть анонимным} incomplete {обращение неполное} other {причина указана в ответе}}',
  it: '{reason, select, inadmissible {la richiesta non è ricevibile} duplicate {la richiesta ripete una già protocollata} anonymous_not_allowed {la richiesta non può essere anonima} incomplete {la richiesta è incompleta} other {il motivo è spiegato nella risposta}}',
  vi: '{reason, select, inadmissible {hồ sơ không thuộc thẩm quyền hoặc không được tiếp nhận} duplicate {hồ sơ trùng với hồ sơ đã tiếp nhận} anonymous_not_allowed {hồ sơ không được nặc danh} incomplete {hồ sơ chưa đầy đủ} other {lý do được nêu trong văn bản trả lời}}',
  en: '{reason, select, inadmissible {the request cannot be admitted} duplicate {it repeats a request already registered} anonymous_not_allowed {it cannot be anonymous} incomplete {the request is incomplete} other {the reason is explained in the answer}}',
};

type Texts = Record<Language, [subject: string, body: string, sms: string]>;

const T: Record<string, Texts> = {
  receipt: {
    ro: ['Dosarul dvs. a fost primit: nr. {number}', 'Dosarul „{category}” a fost primit de {institution} și înregistrat cu nr. {number} la {date}. Termen de soluționare: {due}. Stadiul: {statusUrl}', '{institution}: dosarul nr. {number} ({category}) a fost primit. Termen: {due}. Stadiu: {statusUrl}'],
    ru: ['Ваши документы получены: № {number}', 'Документы «{category}» получены {institution} и зарегистрированы под № {number} {date}. Срок рассмотрения: {due}. Статус: {statusUrl}', '{institution}: документы № {number} ({category}) получены. Срок: {due}. Статус: {statusUrl}'],
    it: ['La sua pratica è stata ricevuta: n. {number}', 'La pratica «{category}» è stata ricevuta da {institution} e protocollata con il n. {number} il {date}. Termine: {due}. Stato: {statusUrl}', '{institution}: pratica n. {number} ({category}) ricevuta. Termine: {due}. Stato: {statusUrl}'],
    vi: ['Hồ sơ của quý vị đã được tiếp nhận: số {number}', 'Hồ sơ “{category}” đã được {institution} tiếp nhận, số {number}, ngày {date}. Hạn giải quyết: {due}. Tra cứu: {statusUrl}', '{institution}: Ho so so {number} ({category}) da duoc tiep nhan. Hen tra: {due}. Tra cuu: {statusUrl}'],
    en: ['Your dossier was received: no. {number}', 'Your dossier “{category}” was received by {institution} and registered as no. {number} on {date}. Deadline: {due}. Status: {statusUrl}', '{institution}: dossier no. {number} ({category}) received. Deadline: {due}. Status: {statusUrl}'],
  },
  postal_return_registered: {
    ro: ['Returnare prin poștă: dosarul nr. {number}', 'Rezultatul dosarului nr. {number} vă va fi trimis prin poștă la adresa: {address}.', '{institution}: rezultatul dosarului nr. {number} va fi trimis prin posta la: {address}.'],
    ru: ['Возврат по почте: № {number}', 'Результат по делу № {number} будет отправлен вам почтой по адресу: {address}.', '{institution}: результат по № {number} будет отправлен почтой: {address}.'],
    it: ['Restituzione per posta: pratica n. {number}', 'L’esito della pratica n. {number} le sarà spedito per posta all’indirizzo: {address}.', '{institution}: l’esito della pratica n. {number} sarà spedito per posta a: {address}.'],
    vi: ['Trả kết quả qua bưu chính: hồ sơ số {number}', 'Kết quả hồ sơ số {number} sẽ được gửi qua bưu chính đến địa chỉ: {address}.', '{institution}: Ket qua ho so so {number} se duoc gui qua buu chinh den: {address}.'],
    en: ['Return by post: dossier no. {number}', 'The result of dossier no. {number} will be sent to you by post at: {address}.', '{institution}: the result of dossier no. {number} will be posted to: {address}.'],
  },
  postal_dispatched: {
    ro: ['Rezultatul dosarului nr. {number} a fost predat poștei', 'Rezultatul dosarului nr. {number} a fost predat poștei. Număr de urmărire: {trackingNumber}.', '{institution}: rezultatul dosarului nr. {number} a fost predat postei. AWB: {trackingNumber}.'],
    ru: ['Результат по № {number} передан почте', 'Результат по делу № {number} передан почте. Номер отслеживания: {trackingNumber}.', '{institution}: результат по № {number} передан почте. Трек: {trackingNumber}.'],
    it: ['L’esito della pratica n. {number} è stato spedito', 'L’esito della pratica n. {number} è stato consegnato alle poste. Codice di tracciamento: {trackingNumber}.', '{institution}: esito pratica n. {number} spedito. Tracciamento: {trackingNumber}.'],
    vi: ['Kết quả hồ sơ số {number} đã được chuyển bưu điện', 'Kết quả hồ sơ số {number} đã được chuyển cho bưu điện. Mã vận đơn: {trackingNumber}.', '{institution}: Ket qua ho so so {number} da chuyen buu dien. Ma van don: {trackingNumber}.'],
    en: ['The result of dossier no. {number} is in the post', 'The result of dossier no. {number} was handed to the post. Tracking number: {trackingNumber}.', '{institution}: the result of dossier no. {number} was posted. Tracking: {trackingNumber}.'],
  },
  clock_stopped_awaiting_citizen_documents: {
    ro: ['Dosarul nr. {number}: avem nevoie de documente', 'Termenul dosarului nr. {number} este suspendat până ne trimiteți documentele cerute. Detalii: {statusUrl}', '{institution}: dosarul nr. {number} asteapta documente de la dvs.; termenul este suspendat. Detalii: {statusUrl}'],
    ru: ['По № {number} нужны документы', 'Срок по делу № {number} приостановлен до получения от вас запрошенных документов. Подробности: {statusUrl}', '{institution}: по № {number} нужны ваши документы, срок приостановлен. {statusUrl}'],
    it: ['Pratica n. {number}: servono documenti', 'Il termine della pratica n. {number} è sospeso finché non riceviamo i documenti richiesti. Dettagli: {statusUrl}', '{institution}: per la pratica n. {number} servono documenti; termine sospeso. {statusUrl}'],
    vi: ['Hồ sơ số {number}: cần bổ sung giấy tờ', 'Thời hạn giải quyết hồ sơ số {number} tạm dừng cho đến khi quý vị bổ sung giấy tờ theo yêu cầu. Chi tiết: {statusUrl}', '{institution}: Ho so so {number} can bo sung giay to; tam dung tinh thoi gian. {statusUrl}'],
    en: ['Dossier no. {number}: documents needed', 'The deadline of dossier no. {number} is paused until we receive the documents we asked you for. Details: {statusUrl}', '{institution}: dossier no. {number} needs documents from you; the deadline is paused. {statusUrl}'],
  },
  clock_stopped_awaiting_other_institution: {
    ro: ['Dosarul nr. {number}: așteptăm altă instituție', 'Termenul dosarului nr. {number} este suspendat până primim răspunsul altei instituții. Vă anunțăm când reluăm.', '{institution}: dosarul nr. {number} asteapta raspunsul altei institutii; termenul este suspendat.'],
    ru: ['По № {number} ожидается ответ другого органа', 'Срок по делу № {number} приостановлен до ответа другого органа. Мы сообщим, когда рассмотрение продолжится.', '{institution}: по № {number} ждём ответа другого органа, срок приостановлен.'],
    it: ['Pratica n. {number}: in attesa di un altro ente', 'Il termine della pratica n. {number} è sospeso in attesa di un altro ente. La avviseremo alla ripresa.', '{institution}: pratica n. {number} in attesa di un altro ente; termine sospeso.'],
    vi: ['Hồ sơ số {number}: chờ ý kiến cơ quan khác', 'Thời hạn giải quyết hồ sơ số {number} tạm dừng để chờ ý kiến của cơ quan khác. Chúng tôi sẽ báo khi tiếp tục.', '{institution}: Ho so so {number} cho y kien co quan khac; tam dung tinh thoi gian.'],
    en: ['Dossier no. {number}: waiting for another institution', 'The deadline of dossier no. {number} is paused while we wait for another institution. We will tell you when work resumes.', '{institution}: dossier no. {number} waits for another institution; the deadline is paused.'],
  },
  clock_stopped_on_site_inspection: {
    ro: ['Dosarul nr. {number}: verificare pe teren', 'Pentru dosarul nr. {number} este necesară o verificare pe teren; termenul este suspendat până la efectuarea ei.', '{institution}: dosarul nr. {number} necesita verificare pe teren; termenul este suspendat.'],
    ru: ['По № {number} нужна выездная проверка', 'По делу № {number} требуется выездная проверка; срок приостановлен до её проведения.', '{institution}: по № {number} нужна выездная проверка, срок приостановлен.'],
    it: ['Pratica n. {number}: sopralluogo', 'Per la pratica n. {number} è necessario un sopralluogo; il termine è sospeso fino ad allora.', '{institution}: pratica n. {number}, sopralluogo necessario; termine sospeso.'],
    vi: ['Hồ sơ số {number}: kiểm tra thực địa', 'Hồ sơ số {number} cần kiểm tra thực địa; thời hạn giải quyết tạm dừng đến khi kiểm tra xong.', '{institution}: Ho so so {number} can kiem tra thuc dia; tam dung tinh thoi gian.'],
    en: ['Dossier no. {number}: on-site inspection', 'Dossier no. {number} needs an on-site inspection; the deadline is paused until it is done.', '{institution}: dossier no. {number} needs an on-site inspection; the deadline is paused.'],
  },
  clock_stopped_citizen_request: {
    ro: ['Dosarul nr. {number}: suspendat la cererea dvs.', 'La cererea dvs., termenul dosarului nr. {number} este suspendat.', '{institution}: la cererea dvs., termenul dosarului nr. {number} este suspendat.'],
    ru: ['№ {number}: приостановлено по вашей просьбе', 'По вашей просьбе срок по делу № {number} приостановлен.', '{institution}: по вашей просьбе срок по № {number} приостановлен.'],
    it: ['Pratica n. {number}: sospesa su sua richiesta', 'Su sua richiesta, il termine della pratica n. {number} è sospeso.', '{institution}: su sua richiesta, il termine della pratica n. {number} è sospeso.'],
    vi: ['Hồ sơ số {number}: tạm dừng theo đề nghị', 'Theo đề nghị của quý vị, thời hạn giải quyết hồ sơ số {number} được tạm dừng.', '{institution}: Theo de nghi cua quy vi, ho so so {number} tam dung tinh thoi gian.'],
    en: ['Dossier no. {number}: paused at your request', 'At your request, the deadline of dossier no. {number} is paused.', '{institution}: at your request, the deadline of dossier no. {number} is paused.'],
  },
  result_desk: {
    ro: ['Rezultatul dosarului nr. {number} este gata', 'Rezultatul dosarului nr. {number} ({category}) este gata. Îl puteți ridica de la ghișeul unic.', '{institution}: rezultatul dosarului nr. {number} este gata; il puteti ridica de la ghiseul unic.'],
    ru: ['Результат по № {number} готов', 'Результат по делу № {number} ({category}) готов. Его можно получить в окне приёма.', '{institution}: результат по № {number} готов, получите его в окне приёма.'],
    it: ['L’esito della pratica n. {number} è pronto', 'L’esito della pratica n. {number} ({category}) è pronto. Può ritirarlo allo sportello unico.', '{institution}: esito della pratica n. {number} pronto; ritiro allo sportello unico.'],
    vi: ['Đã có kết quả hồ sơ số {number}', 'Hồ sơ số {number} ({category}) đã có kết quả. Mời quý vị đến nhận tại Bộ phận một cửa.', '{institution}: Ho so so {number} da co ket qua. Moi quy vi nhan tai Bo phan mot cua.'],
    en: ['The result of dossier no. {number} is ready', 'The result of dossier no. {number} ({category}) is ready. You can collect it at the one-stop desk.', '{institution}: the result of dossier no. {number} is ready; collect it at the one-stop desk.'],
  },
  result_post: {
    ro: ['Rezultatul dosarului nr. {number} vine prin poștă', 'Rezultatul dosarului nr. {number} ({category}) este gata și vă este trimis prin poștă.', '{institution}: rezultatul dosarului nr. {number} este gata si va este trimis prin posta.'],
    ru: ['Результат по № {number} отправлен почтой', 'Результат по делу № {number} ({category}) готов и отправляется вам почтой.', '{institution}: результат по № {number} готов и отправлен почтой.'],
    it: ['L’esito della pratica n. {number} arriva per posta', 'L’esito della pratica n. {number} ({category}) è pronto e le viene spedito per posta.', '{institution}: esito pratica n. {number} pronto, spedito per posta.'],
    vi: ['Kết quả hồ sơ số {number} được gửi qua bưu chính', 'Hồ sơ số {number} ({category}) đã có kết quả và được gửi đến quý vị qua bưu chính công ích.', '{institution}: Ho so so {number} da co ket qua, duoc gui qua buu chinh cong ich.'],
    en: ['The result of dossier no. {number} comes by post', 'The result of dossier no. {number} ({category}) is ready and is being sent to you by public post.', '{institution}: the result of dossier no. {number} is ready and sent by post.'],
  },
  result_online: {
    ro: ['Rezultatul dosarului nr. {number} este disponibil online', 'Rezultatul dosarului nr. {number} ({category}) este disponibil online: {statusUrl}', '{institution}: rezultatul dosarului nr. {number} este disponibil online: {statusUrl}'],
    ru: ['Результат по № {number} доступен онлайн', 'Результат по делу № {number} ({category}) доступен онлайн: {statusUrl}', '{institution}: результат по № {number} доступен онлайн: {statusUrl}'],
    it: ['L’esito della pratica n. {number} è online', 'L’esito della pratica n. {number} ({category}) è disponibile online: {statusUrl}', '{institution}: esito pratica n. {number} disponibile online: {statusUrl}'],
    vi: ['Kết quả hồ sơ số {number} đã có trực tuyến', 'Hồ sơ số {number} ({category}) đã có kết quả trực tuyến: {statusUrl}', '{institution}: Ket qua ho so so {number} da co truc tuyen: {statusUrl}'],
    en: ['The result of dossier no. {number} is online', 'The result of dossier no. {number} ({category}) is available online: {statusUrl}', '{institution}: the result of dossier no. {number} is online: {statusUrl}'],
  },
  refusal: {
    ro: ['Cererea nr. {number} a fost respinsă', 'Cererea nr. {number} a fost respinsă: REASON. Detalii: {statusUrl}', '{institution}: cererea nr. {number} a fost respinsa. Detalii: {statusUrl}'],
    ru: ['Обращение № {number} отклонено', 'Обращение № {number} отклонено: REASON. Подробности: {statusUrl}', '{institution}: обращение № {number} отклонено. Подробности: {statusUrl}'],
    it: ['La richiesta n. {number} è stata respinta', 'La richiesta n. {number} è stata respinta: REASON. Dettagli: {statusUrl}', '{institution}: richiesta n. {number} respinta. Dettagli: {statusUrl}'],
    vi: ['Hồ sơ số {number} bị từ chối giải quyết', 'Hồ sơ số {number} bị từ chối giải quyết: REASON. Chi tiết: {statusUrl}', '{institution}: Ho so so {number} bi tu choi giai quyet. Chi tiet: {statusUrl}'],
    en: ['Request no. {number} was refused', 'Request no. {number} was refused: REASON. Details: {statusUrl}', '{institution}: request no. {number} was refused. Details: {statusUrl}'],
  },
  overdue_warning: {
    ro: ['Dosarul nr. {number} nu are încă rezultat', 'Ne pare rău: dosarul nr. {number} nu are încă rezultat pentru programarea de {startsAt}. Vă vom anunța noua dată.', '{institution}: ne pare rau, dosarul nr. {number} nu are inca rezultat pentru programarea de {startsAt}.'],
    ru: ['По № {number} ещё нет результата', 'К сожалению, по делу № {number} ещё нет результата к назначенному времени {startsAt}. Мы сообщим новую дату.', '{institution}: к сожалению, по № {number} нет результата к {startsAt}.'],
    it: ['La pratica n. {number} non ha ancora un esito', 'Ci scusiamo: la pratica n. {number} non ha ancora un esito per l’appuntamento del {startsAt}. Le comunicheremo la nuova data.', '{institution}: ci scusiamo, la pratica n. {number} non ha ancora esito per il {startsAt}.'],
    vi: ['Hồ sơ số {number} chưa có kết quả', 'Xin lỗi quý vị: hồ sơ số {number} chưa có kết quả theo lịch hẹn {startsAt}. Chúng tôi sẽ thông báo ngày hẹn mới.', '{institution}: Xin loi, ho so so {number} chua co ket qua theo lich hen {startsAt}.'],
    en: ['Dossier no. {number} has no result yet', 'We are sorry: dossier no. {number} has no result yet for your appointment at {startsAt}. We will tell you the new date.', '{institution}: sorry, dossier no. {number} has no result yet for {startsAt}.'],
  },
  payment_before_submission: {
    ro: ['Plată online necesară: dosarul nr. {number}', 'Pentru a depune dosarul nr. {number}, plătiți online {amount}: {payUrl}', '{institution}: pentru depunerea dosarului nr. {number} platiti online {amount}: {payUrl}'],
    ru: ['Требуется онлайн-оплата: № {number}', 'Чтобы подать документы № {number}, оплатите онлайн {amount}: {payUrl}', '{institution}: для подачи № {number} оплатите онлайн {amount}: {payUrl}'],
    it: ['Pagamento online richiesto: pratica n. {number}', 'Per presentare la pratica n. {number}, paghi online {amount}: {payUrl}', '{institution}: per presentare la pratica n. {number} paghi online {amount}: {payUrl}'],
    vi: ['Cần thanh toán trực tuyến: hồ sơ số {number}', 'Để nộp hồ sơ số {number}, quý vị vui lòng thanh toán trực tuyến {amount}: {payUrl}', '{institution}: De nop ho so so {number}, vui long thanh toan truc tuyen {amount}: {payUrl}'],
    en: ['Online payment needed: dossier no. {number}', 'To submit dossier no. {number}, please pay {amount} online: {payUrl}', '{institution}: to submit dossier no. {number}, pay {amount} online: {payUrl}'],
  },
  payment_before_result: {
    ro: ['Plată online înainte de rezultat: dosarul nr. {number}', 'Rezultatul dosarului nr. {number} vă poate fi predat după plata online a sumei de {amount}: {payUrl}', '{institution}: platiti online {amount} pentru a primi rezultatul dosarului nr. {number}: {payUrl}'],
    ru: ['Оплата перед получением результата: № {number}', 'Результат по делу № {number} будет выдан после онлайн-оплаты {amount}: {payUrl}', '{institution}: оплатите {amount} онлайн, чтобы получить результат по № {number}: {payUrl}'],
    it: ['Pagamento online prima dell’esito: pratica n. {number}', 'L’esito della pratica n. {number} le sarà consegnato dopo il pagamento online di {amount}: {payUrl}', '{institution}: paghi online {amount} per ricevere l’esito della pratica n. {number}: {payUrl}'],
    vi: ['Thanh toán trực tuyến trước khi nhận kết quả: hồ sơ số {number}', 'Quý vị nhận kết quả hồ sơ số {number} sau khi thanh toán trực tuyến {amount}: {payUrl}', '{institution}: Thanh toan truc tuyen {amount} de nhan ket qua ho so so {number}: {payUrl}'],
    en: ['Online payment before the result: dossier no. {number}', 'The result of dossier no. {number} is handed over once {amount} is paid online: {payUrl}', '{institution}: pay {amount} online to receive the result of dossier no. {number}: {payUrl}'],
  },
  postal_code_submission: {
    ro: ['Cod poștal confirmat: dosarul nr. {number}', 'Am confirmat primirea prin poștă a dosarului nr. {number}, cod poștal {postalCode}.', '{institution}: am confirmat primirea prin posta a dosarului nr. {number}, cod postal {postalCode}.'],
    ru: ['Почтовый код подтверждён: № {number}', 'Получение по почте документов № {number} подтверждено, почтовый код {postalCode}.', '{institution}: получение по почте № {number} подтверждено, код {postalCode}.'],
    it: ['Codice postale confermato: pratica n. {number}', 'Confermiamo la ricezione per posta della pratica n. {number}, codice postale {postalCode}.', '{institution}: ricezione per posta della pratica n. {number} confermata, codice {postalCode}.'],
    vi: ['Xác nhận mã bưu chính: hồ sơ số {number}', 'Đã xác nhận nhận hồ sơ số {number} qua bưu chính, mã bưu chính {postalCode}.', '{institution}: Da xac nhan nhan ho so so {number} qua buu chinh, ma {postalCode}.'],
    en: ['Postal code confirmed: dossier no. {number}', 'We confirm we received dossier no. {number} by post, postal code {postalCode}.', '{institution}: dossier no. {number} received by post, postal code {postalCode}.'],
  },
  postal_code_return: {
    ro: ['Cod poștal de returnare confirmat: dosarul nr. {number}', 'Rezultatul dosarului nr. {number} va fi trimis prin poștă cu codul poștal {postalCode}.', '{institution}: rezultatul dosarului nr. {number} pleaca prin posta cu codul {postalCode}.'],
    ru: ['Почтовый код возврата подтверждён: № {number}', 'Результат по делу № {number} будет отправлен почтой с кодом {postalCode}.', '{institution}: результат по № {number} отправляется почтой, код {postalCode}.'],
    it: ['Codice postale di restituzione confermato: pratica n. {number}', 'L’esito della pratica n. {number} sarà spedito con il codice postale {postalCode}.', '{institution}: esito pratica n. {number} spedito con codice {postalCode}.'],
    vi: ['Xác nhận mã bưu chính trả kết quả: hồ sơ số {number}', 'Kết quả hồ sơ số {number} sẽ được gửi qua bưu chính với mã {postalCode}.', '{institution}: Ket qua ho so so {number} gui qua buu chinh, ma {postalCode}.'],
    en: ['Return postal code confirmed: dossier no. {number}', 'The result of dossier no. {number} will travel by post under postal code {postalCode}.', '{institution}: the result of dossier no. {number} goes by post, code {postalCode}.'],
  },
  fee_with_receipt: {
    ro: ['Taxă de plată pentru dosarul nr. {number}', 'Pentru dosarul nr. {number} aveți de plătit {amount}, chitanța nr. {receiptNumber}.', '{institution}: dosarul nr. {number}: de plata {amount}, chitanta nr. {receiptNumber}.'],
    ru: ['Пошлина по № {number}', 'По делу № {number} к оплате {amount}, квитанция № {receiptNumber}.', '{institution}: по № {number} к оплате {amount}, квитанция № {receiptNumber}.'],
    it: ['Diritti da pagare per la pratica n. {number}', 'Per la pratica n. {number} sono dovuti {amount}, ricevuta n. {receiptNumber}.', '{institution}: pratica n. {number}, da pagare {amount}, ricevuta n. {receiptNumber}.'],
    vi: ['Phí, lệ phí hồ sơ số {number}', 'Hồ sơ số {number} có phí, lệ phí {amount}, biên nhận số {receiptNumber}.', '{institution}: Ho so so {number} phi, le phi {amount}, bien nhan so {receiptNumber}.'],
    en: ['Fee due for dossier no. {number}', 'A fee of {amount} is due for dossier no. {number}, receipt no. {receiptNumber}.', '{institution}: dossier no. {number}: {amount} due, receipt no. {receiptNumber}.'],
  },
  fee_without_receipt: {
    ro: ['Taxă de plată pentru dosarul nr. {number}', 'Pentru dosarul nr. {number} aveți de plătit {amount}. Chitanța vi se eliberează la plată.', '{institution}: dosarul nr. {number}: de plata {amount}.'],
    ru: ['Пошлина по № {number}', 'По делу № {number} к оплате {amount}. Квитанция будет выдана при оплате.', '{institution}: по № {number} к оплате {amount}.'],
    it: ['Diritti da pagare per la pratica n. {number}', 'Per la pratica n. {number} sono dovuti {amount}. La ricevuta le sarà rilasciata al pagamento.', '{institution}: pratica n. {number}, da pagare {amount}.'],
    vi: ['Phí, lệ phí hồ sơ số {number}', 'Hồ sơ số {number} có phí, lệ phí {amount}. Biên nhận sẽ được cấp khi nộp phí.', '{institution}: Ho so so {number} phi, le phi {amount}.'],
    en: ['Fee due for dossier no. {number}', 'A fee of {amount} is due for dossier no. {number}. You get the receipt when you pay.', '{institution}: dossier no. {number}: {amount} due.'],
  },
  registered: {
    ro: ['Cererea dvs. a fost înregistrată cu nr. {number}', 'Cererea „{subject}” a fost înregistrată la {institution} cu nr. {number} la {date} și repartizată compartimentului {department}. Termen de răspuns: {due}. Stadiul: {statusUrl}', '{institution}: cererea dvs. are nr. {number}. Termen: {due}. Stadiu: {statusUrl}'],
    ru: ['Ваше обращение зарегистрировано под № {number}', 'Обращение «{subject}» зарегистрировано в {institution} под № {number} {date} и передано в {department}. Срок ответа: {due}. Статус: {statusUrl}', '{institution}: обращение № {number}. Срок: {due}. Статус: {statusUrl}'],
    it: ['La sua richiesta è protocollata con il n. {number}', 'La richiesta «{subject}» è stata protocollata da {institution} con il n. {number} il {date} e assegnata a {department}. Risposta entro: {due}. Stato: {statusUrl}', '{institution}: richiesta n. {number}. Risposta entro: {due}. Stato: {statusUrl}'],
    vi: ['Yêu cầu của quý vị đã được đăng ký, số {number}', 'Yêu cầu “{subject}” đã được {institution} đăng ký số {number} ngày {date} và chuyển đến {department}. Hạn trả lời: {due}. Tra cứu: {statusUrl}', '{institution}: Yeu cau so {number}. Han tra loi: {due}. Tra cuu: {statusUrl}'],
    en: ['Your request is registered as no. {number}', 'Your request “{subject}” was registered by {institution} as no. {number} on {date} and given to {department}. Answer due by: {due}. Status: {statusUrl}', '{institution}: your request is no. {number}. Due: {due}. Status: {statusUrl}'],
  },
  department_assigned: {
    ro: ['Cererea nr. {number} a fost repartizată', 'Cererea nr. {number} este acum la compartimentul {department}. Termen de răspuns: {due}.', '{institution}: cererea nr. {number} este la {department}. Termen: {due}.'],
    ru: ['Обращение № {number} передано', 'Обращение № {number} передано в {department}. Срок ответа: {due}.', '{institution}: обращение № {number} передано в {department}. Срок: {due}.'],
    it: ['La richiesta n. {number} è stata assegnata', 'La richiesta n. {number} è ora presso {department}. Risposta entro: {due}.', '{institution}: richiesta n. {number} presso {department}. Entro: {due}.'],
    vi: ['Yêu cầu số {number} đã được chuyển', 'Yêu cầu số {number} đã được chuyển đến {department}. Hạn trả lời: {due}.', '{institution}: Yeu cau so {number} da chuyen den {department}. Han: {due}.'],
    en: ['Request no. {number} was assigned', 'Request no. {number} is now with {department}. Answer due by: {due}.', '{institution}: request no. {number} is with {department}. Due: {due}.'],
  },
  answer_ready: {
    ro: ['Răspunsul la cererea nr. {number} este gata', 'Răspunsul la cererea nr. {number} este gata: {statusUrl}', '{institution}: raspunsul la cererea nr. {number} este gata: {statusUrl}'],
    ru: ['Ответ по обращению № {number} готов', 'Ответ по обращению № {number} готов: {statusUrl}', '{institution}: ответ по № {number} готов: {statusUrl}'],
    it: ['La risposta alla richiesta n. {number} è pronta', 'La risposta alla richiesta n. {number} è pronta: {statusUrl}', '{institution}: risposta alla richiesta n. {number} pronta: {statusUrl}'],
    vi: ['Đã có trả lời cho yêu cầu số {number}', 'Yêu cầu số {number} đã có trả lời: {statusUrl}', '{institution}: Yeu cau so {number} da co tra loi: {statusUrl}'],
    en: ['The answer to request no. {number} is ready', 'The answer to request no. {number} is ready: {statusUrl}', '{institution}: the answer to request no. {number} is ready: {statusUrl}'],
  },
  deadline_extended: {
    ro: ['Termenul cererii nr. {number} a fost prelungit', 'Termenul cererii nr. {number} a fost prelungit până la {newDue}. Motiv: {reason}', '{institution}: termenul cererii nr. {number} a fost prelungit pana la {newDue}. Motiv: {reason}'],
    ru: ['Срок по обращению № {number} продлён', 'Срок рассмотрения обращения № {number} продлён до {newDue}. Причина: {reason}', '{institution}: срок по № {number} продлён до {newDue}. Причина: {reason}'],
    it: ['Il termine della richiesta n. {number} è prorogato', 'Il termine della richiesta n. {number} è prorogato al {newDue}. Motivo: {reason}', '{institution}: termine della richiesta n. {number} prorogato al {newDue}. Motivo: {reason}'],
    vi: ['Gia hạn giải quyết yêu cầu số {number}', 'Thời hạn giải quyết yêu cầu số {number} được gia hạn đến {newDue}. Lý do: {reason}', '{institution}: Yeu cau so {number} duoc gia han den {newDue}. Ly do: {reason}'],
    en: ['The deadline of request no. {number} was extended', 'The deadline of request no. {number} was extended to {newDue}. Reason: {reason}', '{institution}: request no. {number} extended to {newDue}. Reason: {reason}'],
  },
  redirected: {
    ro: ['Cererea nr. {number} a fost trimisă către {agency}', 'Cererea nr. {number} ține de {agency} și i-a fost transmisă. Contact: {agencyContact}. Motiv: {reason}', '{institution}: cererea nr. {number} a fost transmisa catre {agency}. Contact: {agencyContact}'],
    ru: ['Обращение № {number} направлено в {agency}', 'Обращение № {number} относится к компетенции {agency} и направлено туда. Контакты: {agencyContact}. Причина: {reason}', '{institution}: обращение № {number} направлено в {agency}. Контакты: {agencyContact}'],
    it: ['La richiesta n. {number} è stata inoltrata a {agency}', 'La richiesta n. {number} è di competenza di {agency} ed è stata inoltrata. Contatti: {agencyContact}. Motivo: {reason}', '{institution}: richiesta n. {number} inoltrata a {agency}. Contatti: {agencyContact}'],
    vi: ['Yêu cầu số {number} đã được chuyển đến {agency}', 'Yêu cầu số {number} thuộc thẩm quyền của {agency} và đã được chuyển đến đó. Liên hệ: {agencyContact}. Lý do: {reason}', '{institution}: Yeu cau so {number} da chuyen den {agency}. Lien he: {agencyContact}'],
    en: ['Request no. {number} was sent to {agency}', 'Request no. {number} belongs to {agency} and was sent there. Contact: {agencyContact}. Reason: {reason}', '{institution}: request no. {number} was sent to {agency}. Contact: {agencyContact}'],
  },
  appointment_booked: {
    ro: ['Programare confirmată: {startsAt}', 'Programarea dvs. este confirmată pentru {startsAt}, la {place}.', '{institution}: programare confirmata {startsAt}, {place}.'],
    ru: ['Запись подтверждена: {startsAt}', 'Ваша запись подтверждена на {startsAt}, место: {place}.', '{institution}: запись подтверждена, {startsAt}, {place}.'],
    it: ['Appuntamento confermato: {startsAt}', 'Il suo appuntamento è confermato per il {startsAt}, presso {place}.', '{institution}: appuntamento confermato {startsAt}, {place}.'],
    vi: ['Lịch hẹn đã được xác nhận: {startsAt}', 'Lịch hẹn của quý vị được xác nhận vào {startsAt}, tại {place}.', '{institution}: Lich hen xac nhan {startsAt}, tai {place}.'],
    en: ['Appointment confirmed: {startsAt}', 'Your appointment is confirmed for {startsAt}, at {place}.', '{institution}: appointment confirmed {startsAt}, {place}.'],
  },
  appointment_rescheduled: {
    ro: ['Programare mutată: {startsAt}', 'Programarea dvs. de {previousStartsAt} a fost mutată la {startsAt}, la {place}.', '{institution}: programarea de {previousStartsAt} a fost mutata la {startsAt}, {place}.'],
    ru: ['Запись перенесена: {startsAt}', 'Ваша запись с {previousStartsAt} перенесена на {startsAt}, место: {place}.', '{institution}: запись с {previousStartsAt} перенесена на {startsAt}, {place}.'],
    it: ['Appuntamento spostato: {startsAt}', 'Il suo appuntamento del {previousStartsAt} è stato spostato al {startsAt}, presso {place}.', '{institution}: appuntamento del {previousStartsAt} spostato al {startsAt}, {place}.'],
    vi: ['Lịch hẹn đã được dời: {startsAt}', 'Lịch hẹn {previousStartsAt} của quý vị đã được dời sang {startsAt}, tại {place}.', '{institution}: Lich hen {previousStartsAt} doi sang {startsAt}, tai {place}.'],
    en: ['Appointment moved: {startsAt}', 'Your appointment of {previousStartsAt} was moved to {startsAt}, at {place}.', '{institution}: your appointment of {previousStartsAt} moved to {startsAt}, {place}.'],
  },
  appointment_cancelled: {
    ro: ['Programare anulată', 'Programarea dvs. de {startsAt} a fost anulată.', '{institution}: programarea de {startsAt} a fost anulata.'],
    ru: ['Запись отменена', 'Ваша запись на {startsAt} отменена.', '{institution}: запись на {startsAt} отменена.'],
    it: ['Appuntamento annullato', 'Il suo appuntamento del {startsAt} è stato annullato.', '{institution}: appuntamento del {startsAt} annullato.'],
    vi: ['Lịch hẹn đã bị hủy', 'Lịch hẹn {startsAt} của quý vị đã bị hủy.', '{institution}: Lich hen {startsAt} da bi huy.'],
    en: ['Appointment cancelled', 'Your appointment of {startsAt} was cancelled.', '{institution}: your appointment of {startsAt} was cancelled.'],
  },
  appointment_tomorrow: {
    ro: ['Reamintire: programare mâine, {startsAt}', 'Vă reamintim programarea de mâine, {startsAt}, la {place}.', '{institution}: va reamintim programarea de maine, {startsAt}, {place}.'],
    ru: ['Напоминание: запись завтра, {startsAt}', 'Напоминаем о записи завтра, {startsAt}, место: {place}.', '{institution}: напоминаем о записи завтра, {startsAt}, {place}.'],
    it: ['Promemoria: appuntamento domani, {startsAt}', 'Le ricordiamo l’appuntamento di domani, {startsAt}, presso {place}.', '{institution}: promemoria, appuntamento domani {startsAt}, {place}.'],
    vi: ['Nhắc lịch hẹn ngày mai: {startsAt}', 'Xin nhắc quý vị lịch hẹn ngày mai, {startsAt}, tại {place}.', '{institution}: Nhac lich hen ngay mai {startsAt}, tai {place}.'],
    en: ['Reminder: appointment tomorrow, {startsAt}', 'A reminder of your appointment tomorrow, {startsAt}, at {place}.', '{institution}: reminder, appointment tomorrow {startsAt}, {place}.'],
  },
};

/** The default text of a template in a language. */
export function defaultTemplate(code: string, language: Language): TemplateText | undefined {
  const t = T[code]?.[language];
  if (!t) return undefined;
  const [subject, body, sms] = t;
  // The refusal's reason is an ICU select over the rejection codes, written once per language.
  const withReason = (s: string) => s.replace('REASON', REFUSAL_REASON[language]);
  return { subject, body: withReason(body), sms };
}

export const DEFAULT_TEMPLATE_CODES = Object.keys(T);
