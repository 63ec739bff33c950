/** The portal inbox and its sign-in by one-time code, in the five citizen languages. */
export const inboxTexts = {
  ro: {
    title: 'Mesajele mele', intro: 'Intrați cu un cod de unică folosință trimis la telefonul sau adresa de e-mail pe care ni le-ați dat.',
    contact: 'Telefon mobil sau e-mail', contactHelp: 'Cel folosit când ați depus o cerere.', sendCode: 'Trimite codul',
    codeSent: 'Dacă datele sunt la noi, v-am trimis un cod valabil {{minutes}} minute.', code: 'Codul primit (6 cifre)', signIn: 'Intră',
    empty: 'Nu aveți încă mesaje.', unread: '{{count}} necitite', markRead: 'Marchează ca citit', read: 'Citit', newBadge: 'Nou',
    consents: 'Cum vă putem scrie', consentSms: 'Notificări prin SMS', consentEmail: 'Notificări prin e-mail', signOut: 'Ieșire', list: 'Lista mesajelor',
    link: 'Mesajele mele',
  },
  ru: {
    title: 'Мои сообщения', intro: 'Войдите с одноразовым кодом, который придёт на телефон или e-mail, указанные вами ранее.',
    contact: 'Мобильный телефон или e-mail', contactHelp: 'Тот, что вы указали в обращении.', sendCode: 'Получить код',
    codeSent: 'Если эти данные у нас есть, мы отправили код, действующий {{minutes}} минут.', code: 'Полученный код (6 цифр)', signIn: 'Войти',
    empty: 'Сообщений пока нет.', unread: 'Непрочитанных: {{count}}', markRead: 'Отметить как прочитанное', read: 'Прочитано', newBadge: 'Новое',
    consents: 'Как нам с вами связываться', consentSms: 'Уведомления по SMS', consentEmail: 'Уведомления по e-mail', signOut: 'Выйти', list: 'Список сообщений',
    link: 'Мои сообщения',
  },
  it: {
    title: 'I miei messaggi', intro: 'Acceda con un codice monouso inviato al telefono o all’e-mail che ci ha indicato.',
    contact: 'Cellulare o e-mail', contactHelp: 'Quello indicato nella richiesta.', sendCode: 'Invia il codice',
    codeSent: 'Se i dati risultano a noi, le abbiamo inviato un codice valido {{minutes}} minuti.', code: 'Codice ricevuto (6 cifre)', signIn: 'Accedi',
    empty: 'Non ha ancora messaggi.', unread: '{{count}} da leggere', markRead: 'Segna come letto', read: 'Letto', newBadge: 'Nuovo',
    consents: 'Come possiamo scriverle', consentSms: 'Avvisi via SMS', consentEmail: 'Avvisi via e-mail', signOut: 'Esci', list: 'Elenco dei messaggi',
    link: 'I miei messaggi',
  },
  vi: {
    title: 'Hộp thư của tôi', intro: 'Đăng nhập bằng mã dùng một lần gửi tới số điện thoại hoặc e-mail quý vị đã cung cấp.',
    contact: 'Số di động hoặc e-mail', contactHelp: 'Thông tin đã khai khi nộp hồ sơ.', sendCode: 'Gửi mã',
    codeSent: 'Nếu thông tin có trong hệ thống, chúng tôi đã gửi mã có hiệu lực {{minutes}} phút.', code: 'Mã nhận được (6 chữ số)', signIn: 'Đăng nhập',
    empty: 'Chưa có thông báo nào.', unread: '{{count}} chưa đọc', markRead: 'Đánh dấu đã đọc', read: 'Đã đọc', newBadge: 'Mới',
    consents: 'Cách chúng tôi liên hệ', consentSms: 'Thông báo qua SMS', consentEmail: 'Thông báo qua e-mail', signOut: 'Đăng xuất', list: 'Danh sách thông báo',
    link: 'Hộp thư của tôi',
  },
  en: {
    title: 'My messages', intro: 'Sign in with a one-time code sent to the phone or e-mail address you gave us.',
    contact: 'Mobile phone or e-mail', contactHelp: 'The one you used for a request.', sendCode: 'Send the code',
    codeSent: 'If we have these details, we sent a code valid for {{minutes}} minutes.', code: 'The code you received (6 digits)', signIn: 'Sign in',
    empty: 'You have no messages yet.', unread: '{{count}} unread', markRead: 'Mark as read', read: 'Read', newBadge: 'New',
    consents: 'How we may write to you', consentSms: 'Notices by SMS', consentEmail: 'Notices by e-mail', signOut: 'Sign out', list: 'List of messages',
    link: 'My messages',
  },
};
