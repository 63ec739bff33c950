import type { Shape } from '../../shape.ts';
import type { citizensEn } from './en.ts';

export const citizensRu = {
  citizenPage: {
    backToCase: 'Назад к обращению', contact: 'Контактные данные', kind: { person: 'Физическое лицо', organisation: 'Организация' },
    notFound: 'Такого гражданина нет.', merged: 'Эта запись объединена с другой.', openKept: 'Открыть сохранённую запись',
    cases: 'Обращения', noCases: 'Нет обращений, доступных вам.', moreCases: 'Показать ещё обращения', number: 'Номер', subject: 'Тема', status: 'Статус', registered: 'Зарегистрировано',
    messages: {
      title: 'Отправленные сообщения', intro: 'Все сообщения этому гражданину и о его обращениях, доступных вам, сначала новые. Их просмотр записывается в журнал аудита.',
      case: 'Обращение', showText: 'Показать текст', hideText: 'Скрыть текст', showTextOf: 'Показать текст сообщения от {{when}}', hideTextOf: 'Скрыть текст сообщения от {{when}}',
      withheld: 'Одноразовый код входа или проверки: его текст никогда не показывается сотрудникам.',
    },
  },
} satisfies Shape<typeof citizensEn>;
