import type { Shape } from '../shape.ts';
import type { SharedTexts } from './en.ts';

export const sharedRu = {
  common: { close: 'Закрыть', cancel: 'Отмена', failed: 'Что-то пошло не так. Попробуйте ещё раз.', loadFailed: 'Не удалось загрузить. Проверьте соединение и попробуйте ещё раз.', loading: 'Загрузка…', selected: 'выбрано' },
  status: {
    draft: 'Черновик', registered: 'Зарегистрировано', assigned: 'Назначено', in_progress: 'В работе', suspended: 'Приостановлено (срок остановлен)',
    resolution_proposed: 'Ответ предложен', resolved: 'Решено', closed: 'Закрыто', rejected: 'Отклонено', redirected: 'Перенаправлено', withdrawn: 'Отозвано', reopened: 'Возобновлено',
  },
  fields: { fileBelow: 'приложите документ в разделе «Документы»', choose: 'Выберите…' },
  fieldErrors: {
    required: 'Обязательное поле', unknown_field: 'Этого поля нет в форме', not_text: 'Введите текст', too_short: 'Введите не менее {{min}} символов',
    too_long: 'Введите не более {{max}} символов', bad_format: 'Значение не в ожидаемом формате', not_number: 'Введите число', too_small: 'Введите не меньше {{min}}',
    too_large: 'Введите не больше {{max}}', not_date: 'Введите существующую дату (ГГГГ-ММ-ДД)', not_boolean: 'Выберите да или нет', not_option: 'Выберите один из вариантов',
    duplicate_option: 'Вариант выбран дважды', too_few_options: 'Выберите не менее {{min}}', too_many_options: 'Выберите не более {{max}}', not_file: 'Выберите загруженный файл',
  },
  validation: { required: 'Обязательное поле', invalid: 'Недопустимое значение', minLength: 'Введите не менее {{min}} символов', maxLength: 'Введите не более {{max}} символов', min: 'Введите не меньше {{min}}', max: 'Введите не больше {{max}}', email: 'Введите правильный адрес электронной почты' },
  upload: { progress: 'Загрузка {{pct}}%', done: 'Загружено', failed: 'Не загружено', remove: 'Удалить {{name}}', removeShort: 'Удалить', progressOf: 'Ход загрузки {{name}}' },
  deadlineUnit: { calendar_days: 'календарных дней', working_days: 'рабочих дней', working_hours: 'рабочих часов' },
  errors: {
    'attachment.too_large': 'Файл слишком большой', 'attachment.forbidden_type': 'Такой тип файла не принимается', 'request.rate_limited': 'Слишком много попыток; подождите',
    'resource.stale_version': 'Кто-то изменил это; данные обновлены', 'auth.forbidden': 'У вас нет на это права', 'case.invalid_transition': 'Для этого обращения действие больше недоступно',
    'server.unavailable': 'Сервис недоступен', 'request.validation_failed': 'Некоторые поля заполнены неверно',
  },
} satisfies Shape<SharedTexts>;
