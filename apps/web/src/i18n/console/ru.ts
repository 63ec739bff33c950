import type { Shape } from '../shape.ts';
import type { consoleEn } from './en.ts';

export const consoleRu = {
  login: {
    title: 'Вход в CivicLine', email: 'Электронная почта', password: 'Пароль', submit: 'Войти', failed: 'Не удалось войти', emailInvalid: 'Введите правильный адрес электронной почты',
    errors: { 'auth.invalid_credentials': 'Неверная почта или пароль.', 'auth.locked': 'Слишком много неудачных попыток: учётная запись временно заблокирована.', 'auth.tenant_ambiguous': 'Эта почта принадлежит нескольким организациям.', 'request.rate_limited': 'Слишком много попыток; подождите.', generic: 'Не удалось войти. Попробуйте ещё раз.' },
  },
  nav: { inbox: 'Обращения', supervisor: 'Отдел', admin: 'Администрирование', logout: 'Выйти', language: 'Язык', main: 'Основная навигация', menu: 'Меню', skip: 'Перейти к содержанию', userMenu: 'Учётная запись {{name}}', backToInbox: 'К списку обращений' },
  shortcuts: { title: 'Сочетания клавиш', search: 'Поиск обращений', move: 'Следующее / предыдущее обращение', open: 'Открыть выбранное обращение', inbox: 'К списку обращений', queues: 'Сменить очередь', assign: 'Назначить / взять обращение', start: 'Начать работу', propose: 'Предложить ответ', approve: 'Утвердить ответ', help: 'Показать этот список' },
  queue: { mine: 'Мои', department: 'Мой отдел', unassigned: 'Не назначены', dueSoon: 'Срок скоро', overdue: 'Просрочены', approvals: 'Ждут утверждения', open: 'Все открытые', all: 'Все' },
  inbox: {
    title: 'Обращения', queues: 'Очереди', search: 'Поиск', searchPlaceholder: 'Номер, тема, имя…', status: 'Статус', category: 'Категория', channel: 'Канал', department: 'Отдел', any: 'Любой',
    loading: 'Загрузка обращений…', loaded_one: '{{count, number}} обращение', loaded_few: '{{count, number}} обращения', loaded_many: '{{count, number}} обращений', loaded_other: '{{count, number}} обращения',
    loadingMore_one: 'Загружено {{count, number}} обращение, загружаются остальные…', loadingMore_few: 'Загружено {{count, number}} обращения, загружаются остальные…', loadingMore_many: 'Загружено {{count, number}} обращений, загружаются остальные…', loadingMore_other: 'Загружено {{count, number}} обращения, загружаются остальные…',
    empty: 'Здесь нет обращений.', rowCount_one: 'В списке {{count, number}} обращение', rowCount_few: 'В списке {{count, number}} обращения', rowCount_many: 'В списке {{count, number}} обращений', rowCount_other: 'В списке {{count, number}} обращения', draft: 'Черновик', unassigned: 'Не назначено', me: '{{name}} (я)', colleague: 'Коллега',
    selectAll: 'Выбрать все обращения', selectCase: 'Выбрать обращение {{number}}',
    col: { number: 'Номер', subject: 'Тема', status: 'Статус', deadline: 'Срок', category: 'Категория', assignee: 'Исполнитель', priority: 'Приоритет', registered: 'Зарегистрировано' },
  },
  deadline: { none: 'Без срока', stopped: 'Срок остановлен', overdue: 'Просрочено (срок {{when}})', dueSoon: 'Срок скоро ({{when}})', onTime: 'В срок (срок {{when}})' },
  countdown: { span: '{{d}} д {{h}} ч {{m}} мин', left: 'осталось {{span}}', late: 'просрочено на {{span}}' },
  clock: { not_started: 'не запущен', running: 'идёт', stopped: 'остановлен', finished: 'завершён' },
  priority: { low: 'Низкий', normal: 'Обычный', high: 'Высокий', urgent: 'Срочный' },
  channel: { web: 'Сайт', email: 'Эл. почта', sms: 'СМС', phone: 'Телефон', fax: 'Факс', post: 'Почта', registry: 'Канцелярия', walk_in: 'Личный приём', chat: 'Чат', api: 'API', open311: 'Open311' },
  contactChannel: { sms: 'СМС', email: 'Эл. почта', phone: 'Телефон', post: 'Почта', portal: 'Портал' },
  role: { admin: 'Администратор', supervisor: 'Руководитель', technician: 'Специалист', operator: 'Оператор', registrar: 'Канцелярия', auditor: 'Аудитор' },
  case: {
    actions: 'Действия', noActions: 'Сейчас вы ничего не можете сделать с этим обращением.', fields: 'Сведения обращения', saveFields: 'Сохранить сведения', fieldsSaved: 'Сведения сохранены', unsaved: 'Есть несохранённые изменения',
    timeline: 'История', attachments: 'Документы', noAttachments: 'Документов пока нет.', upload: 'Добавить файлы', description: 'Обращение', resolution: 'Ответ',
    dueAt: 'Срок', countdown: 'Время', clock: 'Срок', extended: 'Продлено', extendedDays_one: 'на {{count}} день', extendedDays_few: 'на {{count}} дня', extendedDays_many: 'на {{count}} дней', extendedDays_other: 'на {{count}} дня', category: 'Категория', department: 'Отдел',
    assignee: 'Исполнитель', channel: 'Канал', registeredAt: 'Зарегистрировано', priority: 'Приоритет', notFound: 'Обращение не существует или недоступно вам.', actionDone: 'Готово: {{action}}', staleReloaded: 'Кто-то изменил обращение; оно обновлено. Повторите действие.',
  },
  action: {
    register: 'Зарегистрировать', assign: 'Назначить', take: 'Взять в работу', start: 'Начать работу', suspend: 'Остановить срок', resume: 'Возобновить', propose_resolution: 'Предложить ответ', approve: 'Утвердить ответ', return: 'Вернуть на доработку',
    reject: 'Отклонить', redirect: 'Перенаправить', extend: 'Продлить срок', close: 'Закрыть', withdraw: 'Отозвать', reopen: 'Возобновить рассмотрение',
  },
  actionForm: {
    assignee: 'Назначить', suspensionReason: 'Почему срок останавливается', rejectionReason: 'Причина отказа', answer: 'Ответ заявителю', returnMethod: 'Как передаётся ответ', redirectTo: 'Куда направить',
    toDepartment: 'В другой отдел', toAgency: 'В другой орган', department: 'Отдел', agencyName: 'Орган', agencyContact: 'Его контакты (необязательно)', days: 'Дополнительные дни', reason: 'Причина',
    comment: 'Комментарий', commentOptional: 'Комментарий (необязательно)',
  },
  rejection: { inadmissible: 'Недопустимо', duplicate: 'Дубликат', anonymous_not_allowed: 'Анонимные обращения не принимаются', incomplete: 'Неполное', other: 'Другое' },
  returnMethod: { in_person: 'Лично', post: 'Почтой', online: 'Онлайн' },
  citizen: { title: 'Заявитель', anonymous: 'Анонимное обращение.', noAccess: 'Ваша роль не показывает данные заявителя.', nationalId: 'СНИЛС', reveal: 'Показать полностью (записывается в журнал аудита)', masked: 'скрыто', phones: 'Телефон', emails: 'Эл. почта', address: 'Адрес', preferredChannel: 'Предпочитает', otherCases: 'Другие обращения' },
  timeline: {
    comment: 'Добавить комментарий', visibility: 'Кто видит комментарий', internal: 'Только сотрудники', citizen: 'И заявитель', addComment: 'Добавить', reason: 'Причина', visibleToCitizen: 'виден заявителю',
    statusChanged: '{{from}} → {{to}}',
    type: { created: 'Создано', comment: 'Комментарий', extended: 'Срок продлён', attachment_added: 'Файл добавлен', attachment_refused: 'Файл отклонён', linked: 'Связано с другим обращением', updated: 'Сведения изменены' },
  },
  actor: { user: 'Сотрудник', system: 'CivicLine', citizen: 'Заявитель', channel: 'Канал' },
  bulk: { region: 'Групповые действия', selected_one: 'Выбрано: {{count}}', selected_few: 'Выбрано: {{count}}', selected_many: 'Выбрано: {{count}}', selected_other: 'Выбрано: {{count}}', assignTo: 'Назначить…', assign: 'Назначить', done_one: 'Назначено {{count}} обращение', done_few: 'Назначено {{count}} обращения', done_many: 'Назначено {{count}} обращений', done_other: 'Назначено {{count}} обращения', failed: 'Не назначены (изменены или нет права): {{list}}', allDone: 'Все назначены.' },
  supervisor: {
    title: 'Отдел', load: 'Нагрузка сотрудников', approvals: 'Ждут утверждения', overdue: 'Просрочены', open: 'Все открытые обращения', openOfCapacity: '{{open}} открыто из {{capacity}}', openNoLimit: '{{open}} открыто (без ограничения)',
    overCapacity: 'сверх нормы', absent: 'отсутствует сегодня', loadOf: 'Нагрузка: {{name}}', dragHint: 'Перетащите обращения на сотрудника, чтобы переназначить, или выберите их и нажмите «Назначить».',
  },
  admin: {
    title: 'Администрирование', tabs: { categories: 'Категории', departments: 'Отделы', users: 'Пользователи и роли', registers: 'Журналы', calendar: 'Рабочие дни' },
    save: 'Сохранить', saved: 'Сохранено', add: 'Добавить', remove: 'Удалить', code: 'Код', name: 'Название', email: 'Эл. почта', active: 'Активен', activeOf: '{{name}} активен',
    departments: { new: 'Новый отдел', parent: 'Входит в' },
    users: { new: 'Новый пользователь', name: 'Имя', roles: 'Роли', rolesOf: 'Роли: {{name}}', departments: 'Отделы', departmentsOf: 'Отделы: {{name}}', language: 'Язык', password: 'Пароль', capacity: 'Норма', capacityOf: 'Норма: {{name}}', noLimit: 'без ограничения' },
    registers: { new: 'Новый журнал', format: 'Формат номера', formatHelp: '{year}, {seq} или {seq:6}, {register}', formatOf: 'Формат номера {{code}}', example: 'Пример' },
    calendar: { add: 'Добавить день', day: 'День', kind: 'Вид дня', dayOff: 'Выходной', workingDay: 'Рабочий день', own: 'Собственные дни организации', noneOwn: 'Пока нет.', public: 'Государственные праздники', year: 'Год', removeDay: 'Удалить {{day}}' },
    categories: {
      new: 'Новая категория', list: 'Категории', group: 'Группа', department: 'Отдел', register: 'Журнал', deadline: 'Срок по закону', amount: 'Срок', unit: 'Единица', endOn: 'Если срок выпадает на выходной',
      maxExtension: 'Наибольшее продление (дни)', warnBefore: 'Предупреждать за (часы)', forwarding: 'Дней на переадресацию', routing: 'Распределение и доступ', strategy: 'Назначение', fixedUser: 'Всегда',
      disclosure: 'Проверка статуса требует', allowAnonymous: 'Анонимно можно', sendSms: 'Отправлять СМС', sensitive: 'Чувствительные данные', instant: 'Решается на месте',
    },
    fields: {
      title: 'Поля формы', none: 'Полей пока нет.', add: 'Добавить поле', key: 'Ключ', type: 'Тип', required: 'Обязательное', label: 'Подпись', min: 'Мин', max: 'Макс', pattern: 'Шаблон (регулярное выражение)',
      options: 'Варианты', optionValue: 'Значение', optionLabel: 'Подпись', addOption: 'Добавить вариант', removeOption: 'Удалить вариант {{value}}', up: 'Выше', down: 'Ниже', remove: 'Удалить поле',
      upN: 'Поднять {{key}}', downN: 'Опустить {{key}}', removeN: 'Удалить поле {{key}}', fieldN: 'Поле {{n}}: {{key}}', fix: 'Исправьте отмеченные поля.',
    },
  },
  fieldType: { text: 'Текст', long_text: 'Длинный текст', number: 'Число', date: 'Дата', select: 'Один вариант', multi_select: 'Несколько вариантов', boolean: 'Да / нет', file: 'Файл' },
  strategy: { manual: 'Вручную', fixed: 'Всегда один сотрудник', round_robin: 'По очереди', least_loaded: 'Наименее загруженному' },
  endOn: { next_working_day: 'следующий рабочий день', previous_working_day: 'предыдущий рабочий день', keep: 'оставить день' },
  disclosure: { L1: 'L1: только номер', L2: 'L2: номер + дата рождения или цифры телефона', L3: 'L3: + код из СМС' },
} satisfies Shape<typeof consoleEn>;
