import type { Language } from '@civicline/contracts';

/**
 * The portal's chat widget, in the five citizen languages. What the assistant itself writes comes
 * from the server in the conversation's language; these are the widget's own words around it.
 */
type ChatText = Record<
  'open' | 'close' | 'title' | 'embedTitle' | 'intro' | 'log' | 'you' | 'assistant' | 'notice' | 'input' | 'send' | 'writing' | 'failed' | 'busy' | 'ended' | 'transferred' | 'newRequest' | 'restart' | 'unavailable',
  string
>;

export const chatTexts: Record<Language, ChatText> = {
  ro: {
    open: 'Întrebați asistentul', close: 'Închide conversația', title: 'Asistentul virtual', embedTitle: 'Asistentul virtual — {{name}}',
    intro: 'Aflați stadiul unei cereri: scrieți numărul de înregistrare, de exemplu PET-2026-000123. Nu scrieți date personale pe care asistentul nu vi le cere.',
    log: 'Conversația cu asistentul', you: 'Dumneavoastră', assistant: 'Asistentul', notice: 'Informare',
    input: 'Mesajul dumneavoastră', send: 'Trimite', writing: 'Asistentul scrie…',
    failed: 'Mesajul nu a putut fi trimis. Vă rugăm să încercați din nou.', busy: 'Prea multe mesaje într-un timp scurt. Așteptați un minut și încercați din nou.',
    ended: 'Conversația s-a încheiat. Scrieți din nou pentru a începe una nouă.',
    transferred: 'Asistentul nu poate continua în chat. Pentru a vorbi cu un funcționar, depuneți o cerere pe portal sau sunați-ne în programul de lucru.',
    newRequest: 'Depuneți o cerere', restart: 'Conversație nouă', unavailable: 'Această instituție nu are chat.',
  },
  ru: {
    open: 'Спросить помощника', close: 'Закрыть чат', title: 'Виртуальный помощник', embedTitle: 'Виртуальный помощник — {{name}}',
    intro: 'Узнайте статус обращения: напишите его регистрационный номер, например PET-2026-000123. Не пишите персональных данных, о которых помощник не спрашивает.',
    log: 'Переписка с помощником', you: 'Вы', assistant: 'Помощник', notice: 'Сообщение',
    input: 'Ваше сообщение', send: 'Отправить', writing: 'Помощник пишет…',
    failed: 'Не удалось отправить сообщение. Пожалуйста, попробуйте ещё раз.', busy: 'Слишком много сообщений за короткое время. Подождите минуту и попробуйте снова.',
    ended: 'Разговор завершён. Напишите снова, чтобы начать новый.',
    transferred: 'Помощник не может продолжить в чате. Чтобы связаться с сотрудником, подайте обращение на портале или позвоните нам в рабочее время.',
    newRequest: 'Подать обращение', restart: 'Новый разговор', unavailable: 'У этого учреждения нет чата.',
  },
  it: {
    open: 'Chieda all’assistente', close: 'Chiudi la chat', title: 'Assistente virtuale', embedTitle: 'Assistente virtuale — {{name}}',
    intro: 'Conosca lo stato di una pratica: scriva il numero di protocollo, per esempio PET-2026-000123. Non scriva dati personali che l’assistente non le chiede.',
    log: 'Conversazione con l’assistente', you: 'Lei', assistant: 'Assistente', notice: 'Avviso',
    input: 'Il suo messaggio', send: 'Invia', writing: 'L’assistente sta scrivendo…',
    failed: 'Non è stato possibile inviare il messaggio. La preghiamo di riprovare.', busy: 'Troppi messaggi in poco tempo. Attenda un minuto e riprovi.',
    ended: 'La conversazione è terminata. Scriva di nuovo per iniziarne una nuova.',
    transferred: 'L’assistente non può proseguire in chat. Per parlare con un operatore, presenti una richiesta sul portale o ci chiami negli orari di apertura.',
    newRequest: 'Presenti una richiesta', restart: 'Nuova conversazione', unavailable: 'Questo ente non ha una chat.',
  },
  vi: {
    open: 'Hỏi trợ lý', close: 'Đóng cuộc trò chuyện', title: 'Trợ lý ảo', embedTitle: 'Trợ lý ảo — {{name}}',
    intro: 'Tra cứu tình trạng hồ sơ: hãy viết số đăng ký, ví dụ PET-2026-000123. Đừng viết thông tin cá nhân mà trợ lý không hỏi.',
    log: 'Cuộc trò chuyện với trợ lý', you: 'Quý vị', assistant: 'Trợ lý', notice: 'Thông báo',
    input: 'Tin nhắn của quý vị', send: 'Gửi', writing: 'Trợ lý đang trả lời…',
    failed: 'Không gửi được tin nhắn. Xin vui lòng thử lại.', busy: 'Quá nhiều tin nhắn trong thời gian ngắn. Xin đợi một phút rồi thử lại.',
    ended: 'Cuộc trò chuyện đã kết thúc. Hãy viết tiếp để bắt đầu cuộc mới.',
    transferred: 'Trợ lý không thể tiếp tục trong cuộc trò chuyện này. Để gặp cán bộ, xin nộp hồ sơ trên cổng thông tin hoặc gọi cho chúng tôi trong giờ làm việc.',
    newRequest: 'Nộp hồ sơ', restart: 'Cuộc trò chuyện mới', unavailable: 'Cơ quan này chưa có trò chuyện trực tuyến.',
  },
  en: {
    open: 'Ask the assistant', close: 'Close the chat', title: 'Virtual assistant', embedTitle: 'Virtual assistant — {{name}}',
    intro: 'Check a request: write its registration number, for example PET-2026-000123. Do not write personal data the assistant does not ask for.',
    log: 'Conversation with the assistant', you: 'You', assistant: 'Assistant', notice: 'Notice',
    input: 'Your message', send: 'Send', writing: 'The assistant is writing…',
    failed: 'The message could not be sent. Please try again.', busy: 'Too many messages in a short time. Please wait a minute and try again.',
    ended: 'The conversation has ended. Write again to start a new one.',
    transferred: 'The assistant cannot go further in the chat. To reach a member of staff, submit a request on the portal or call us during opening hours.',
    newRequest: 'Submit a request', restart: 'New conversation', unavailable: 'This institution has no chat.',
  },
};
