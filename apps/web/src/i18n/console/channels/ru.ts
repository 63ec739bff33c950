import type { Shape } from '../../shape.ts';
import type { channelsEn } from './en.ts';

export const channelsRu = {
  calls: {
    region: 'Входящие звонки', incomingFrom: 'Входящий звонок: {{who}}', endedFrom: 'Звонок ({{who}}) завершён', withheld: 'Номер скрыт',
    known: 'Известный абонент', unknown: 'Нет в базе', status: { ringing: 'Звонит', in_progress: 'Идёт разговор', ended: 'Звонок завершён' },
    line: 'Линия {{line}}, номер {{number}}, {{time}}', openCases_one: '{{count}} открытое обращение', openCases_few: '{{count}} открытых обращения', openCases_many: '{{count}} открытых обращений', openCases_other: '{{count}} открытых обращения', due: 'срок {{date}}',
    recentContacts: 'Последние контакты', fromCitizen: 'от гражданина', toCitizen: 'гражданину', openDraft: 'Открыть черновик', noDraft: 'У линии нет категории, поэтому черновик для звонка не создан. Выберите категорию, в которой его открыть.',
    openCall: 'Открыть звонок', open: { title: 'Открыть черновик для этого звонка', placeholder: 'Выберите категорию…', chooseFirst: 'Сначала выберите категорию', submit: 'Открыть черновик' },
    dismiss: 'Скрыть', dismissOf: 'Скрыть звонок: {{who}}', pageTitle: 'Звонок: {{who}}', caller: 'Абонент',
    assistant: {
      title: 'До соединения ассистент узнал', language: 'Язык', intent: 'Хочет', reference: 'Названный номер', level: 'Личность',
      verified: 'подтверждена на уровне {{level}}', notVerified: 'не подтверждена', told: 'Уже сказано', steps: 'Шаги',
      intents: { status: 'узнать, на каком этапе обращение', new_request: 'подать новое обращение', information: 'справку', operator: 'поговорить с оператором' },
      kinds: { case: 'обращение', invoice: 'счёт', local_tax: 'местный налог', benefit: 'дело о пособии', appointment: 'запись на приём', document: 'документ' },
    },
    find: {
      title: 'Кто звонит?', notThem: 'Звонит другой человек?', label: 'Имя или номер телефона', help: 'Найдите карточку абонента; звонок и черновик перейдут к ней.',
      search: 'Найти', none: 'Никого не найдено.', attach: 'Это абонент', attachOf: '{{name}} — абонент', tooShort: 'Введите не менее 2 символов',
    },
    draft: {
      title: 'Обращение', subject: 'Тема', description: 'Суть обращения', register: 'Зарегистрировать', registered: 'Зарегистрировано',
      registeredAs: 'Зарегистрировано под номером {{number}}, срок {{due}}.', openCase: 'Открыть обращение',
    },
  },
  registry: {
    nav: 'Канцелярия', title: 'Канцелярия', formTitle: 'Регистрация бумажного документа', sender: 'Отправитель', senderMode: 'Кто отправил', newSender: 'Новый отправитель', knownSender: 'Из базы',
    chooseSender: 'Выберите отправителя', senderKind: 'Лицо или организация', person: 'Физическое лицо', organisation: 'Организация', firstName: 'Имя', lastName: 'Фамилия',
    organisationName: 'Организация', address: 'Почтовый адрес', locality: 'Населённый пункт', postalCode: 'Индекс', phone: 'Телефон', email: 'E-mail',
    delivery: 'Как поступил', deliveryMethod: { post: 'Почтой', courier: 'Курьером', in_person: 'Лично', fax_paper: 'Факс (бумага)' },
    receivedOn: 'Дата поступления', pages: 'Страниц', senderReference: 'Исходящий номер отправителя', scans: 'Сканы', addScans: 'Добавить сканы', scansHelp: 'PDF, JPEG, PNG или TIFF; можно несколько файлов.',
    scanRequired: 'Приложите скан документа', uploadProgress: 'Загрузка сканов', fix: 'Исправьте отмеченные поля.', record: 'Зарегистрировать',
    recorded: 'Документ зарегистрирован', recordedSummary_one: 'Зарегистрирован {{date}}; срок {{due}}; приложен {{count}} скан.', recordedSummary_few: 'Зарегистрирован {{date}}; срок {{due}}; приложено {{count}} скана.', recordedSummary_many: 'Зарегистрирован {{date}}; срок {{due}}; приложено {{count}} сканов.', recordedSummary_other: 'Зарегистрирован {{date}}; срок {{due}}; приложено {{count}} скана.',
    outcome: { appended: 'Добавлен к обращению, на которое ссылается.', duplicate: 'Уже был зарегистрирован.' },
    openReceipt: 'Открыть расписку (PDF)', printReceipt: 'Распечатать расписку', receiptA4: 'Расписка A4', receipt: 'Расписка', receiptOf: 'Расписка № {{number}} (PDF)', next: 'Зарегистрировать ещё документ',
    today: 'Журнал за {{date}}', noneToday: 'Сегодня ещё ничего не зарегистрировано.', recordedAt: 'Зарегистрирован',
  },
  admin: {
    tabs: { mailboxes: 'Почтовые ящики', lines: 'Телефонные линии', providers: 'Провайдеры' },
    edit: 'Изменить', editOf: 'Изменить {{name}}',
    mailboxes: {
      new: 'Новый ящик', edit: 'Изменить {{address}}', address: 'Адрес', categoryDepartment: 'Отдел категории', isFax: 'Факсовая линия', isFaxHelp: 'Письма от факс-шлюза: вложение — это документ',
      acknowledge: 'Подтверждать получение', useImap: 'Читать по IMAP', useImapHelp: 'Для ящика на почтовом сервере учреждения', imap: 'Ящик IMAP', host: 'Сервер', port: 'Порт',
      folder: 'Папка', user: 'Пользователь', password: 'Пароль', passwordWriteOnly: 'Хранится в зашифрованном виде; больше не показывается.', passwordKept: 'Оставьте пустым, чтобы сохранить прежний пароль.',
      allow: 'Только от этих отправителей', allowHelp: 'Письма, получаемые по SMTP; по одному в строке: ana@example.ro, example.ro или *.example.ro. Пусто — писать может любой.', deny: 'Никогда от этих отправителей', denyHelp: 'Отклоняются по SMTP (550), даже если разрешены выше.',
      allowCount_one: '{{count}} разрешённый отправитель', allowCount_few: '{{count}} разрешённых отправителя', allowCount_many: '{{count}} разрешённых отправителей', allowCount_other: '{{count}} разрешённых отправителя',
      denyCount_one: '{{count}} запрещённый отправитель', denyCount_few: '{{count}} запрещённых отправителя', denyCount_many: '{{count}} запрещённых отправителей', denyCount_other: '{{count}} запрещённых отправителя',
      secure: 'TLS', receiving: 'Получение', fax: 'Факс',
    },
    lines: {
      new: 'Новая линия', edit: 'Изменить {{number}}', number: 'Номер', numberHelp: 'В национальном или международном формате; хранится как +40…', categoryHelp: 'Звонки и SMS открывают обращения этой категории',
      departmentHelp: 'По умолчанию — отдел категории', noCategory: 'Нет (без черновиков для звонков)', language: 'Язык', languageHelp: 'На каком языке слышат абоненты и язык карточки нового абонента', transferQueue: 'Очередь перевода', transferQueueHelp: 'Очередь Twilio или jambonz, в которую помощник ставит абонентов для оператора; пусто — номер контакт-центра (dialNumber)', institutionLanguage: 'Язык учреждения', voice: 'Звонки', sms: 'SMS', uses: 'Назначение',
    },
    providers: {
      new: 'Новый аккаунт провайдера', edit: 'Изменить {{name}}', provider: 'Провайдер', settings: 'Настройки', secret: 'Секрет', secretStored: 'Сохранён', noSecret: 'Нет',
      badLines: 'Каждая настройка — в виде имя = значение (строки {{lines}})',
      kind: { twilio: 'Twilio', sms_webhook: 'SMS-шлюз (webhook)', smpp: 'SMPP', smtp: 'SMTP', webhook: 'Webhook (АТС и др.)' },
      settingsHelp: {
        twilio: 'По одной в строке: accountSid = AC…, from = +40…, dialNumber = куда переводить звонки. Секрет: auth token.',
        sms_webhook: 'По одной в строке: url = https://…, from = +40…. Секрет: ключ подписи.',
        smpp: 'По одной в строке: host, port, systemId, from. Секрет: пароль.',
        smtp: 'По одной в строке: host, port, secure = true/false, user, from. Секрет: пароль.',
        webhook: 'По одной в строке: url = https://…. Секрет: ключ подписи запросов.',
      },
    },
  },
  fieldCodes: { invalid_format: 'Неверный формат', too_small: 'Слишком коротко или слишком мало', too_big: 'Слишком длинно или слишком много', invalid_type: 'Заполните это поле', invalid_value: 'Выберите одно из допустимых значений' },
  errors: { 'channel.address_taken': 'Уже используется', 'resource.conflict': 'Сейчас это сделать нельзя' },
} satisfies Shape<typeof channelsEn>;
