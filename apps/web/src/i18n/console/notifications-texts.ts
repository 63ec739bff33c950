/** Staff texts of the notification admin pages and the console bell (the console speaks en, ro, ru). */
export const notificationTexts = {
  en: {
    tab: 'Notifications', rules: 'Rules', rule: 'Rule', event: 'Event', channels: 'Channels', audience: 'Told', citizen: 'Citizen', staff: 'Staff', enabled: 'On', enabledOf: 'Rule “{{name}}” on',
    edit: 'Templates', templateOf: 'Templates of “{{name}}”', channel: 'Channel', language: 'Language', subject: 'Subject', body: 'Text (ICU MessageFormat)',
    save: 'Save template', previewCase: 'Registration number of a case to preview with', preview: 'Preview', previewTitle: 'Preview', encoding: 'Encoding', segments: '{{count}} SMS segment(s), {{units}} characters ({{perSegment}} per segment)',
    nonGsm: 'Characters that force UCS-2: {{chars}}', noCase: 'No case with this number', bell: 'Notifications', bellEmpty: 'Nothing new', bellCount: '{{count}} new notifications',
    kinds: { 'staff-assigned': 'New assignment', 'staff-approval-waiting': 'Approval waiting', 'staff-deadline-approaching': 'Deadline approaching', 'staff-overdue': 'Deadline passed' },
    channelNames: { sms: 'SMS', email: 'E-mail', portal: 'Portal inbox', arrival: 'Arrival channel', preferred: 'Preferred channel', inapp: 'Console', digest: 'E-mail digest' },
  },
  ro: {
    tab: 'Notificări', rules: 'Reguli', rule: 'Regulă', event: 'Eveniment', channels: 'Canale', audience: 'Destinatar', citizen: 'Cetățean', staff: 'Personal', enabled: 'Activă', enabledOf: 'Regula „{{name}}” activă',
    edit: 'Șabloane', templateOf: 'Șabloanele regulii „{{name}}”', channel: 'Canal', language: 'Limbă', subject: 'Subiect', body: 'Text (ICU MessageFormat)',
    save: 'Salvează șablonul', previewCase: 'Numărul de înregistrare al unui caz pentru previzualizare', preview: 'Previzualizează', previewTitle: 'Previzualizare', encoding: 'Codare', segments: '{{count}} segment(e) SMS, {{units}} caractere ({{perSegment}} pe segment)',
    nonGsm: 'Caractere care impun UCS-2: {{chars}}', noCase: 'Nu există un caz cu acest număr', bell: 'Notificări', bellEmpty: 'Nimic nou', bellCount: '{{count}} notificări noi',
    kinds: { 'staff-assigned': 'Caz nou repartizat', 'staff-approval-waiting': 'Aprobare în așteptare', 'staff-deadline-approaching': 'Termen aproape', 'staff-overdue': 'Termen depășit' },
    channelNames: { sms: 'SMS', email: 'E-mail', portal: 'Căsuța din portal', arrival: 'Canalul de sosire', preferred: 'Canalul preferat', inapp: 'Consolă', digest: 'Rezumat pe e-mail' },
  },
  ru: {
    tab: 'Уведомления', rules: 'Правила', rule: 'Правило', event: 'Событие', channels: 'Каналы', audience: 'Кому', citizen: 'Заявителю', staff: 'Сотрудникам', enabled: 'Вкл.', enabledOf: 'Правило «{{name}}» включено',
    edit: 'Шаблоны', templateOf: 'Шаблоны правила «{{name}}»', channel: 'Канал', language: 'Язык', subject: 'Тема', body: 'Текст (ICU MessageFormat)',
    save: 'Сохранить шаблон', previewCase: 'Регистрационный номер дела для предпросмотра', preview: 'Предпросмотр', previewTitle: 'Предпросмотр', encoding: 'Кодировка', segments: 'Сегментов SMS: {{count}}, символов: {{units}} ({{perSegment}} в сегменте)',
    nonGsm: 'Символы, требующие UCS-2: {{chars}}', noCase: 'Дела с таким номером нет', bell: 'Уведомления', bellEmpty: 'Ничего нового', bellCount: 'Новых уведомлений: {{count}}',
    kinds: { 'staff-assigned': 'Новое назначение', 'staff-approval-waiting': 'Ожидает утверждения', 'staff-deadline-approaching': 'Срок истекает', 'staff-overdue': 'Срок истёк' },
    channelNames: { sms: 'SMS', email: 'E-mail', portal: 'Кабинет на портале', arrival: 'Канал обращения', preferred: 'Предпочтительный канал', inapp: 'Консоль', digest: 'Сводка по e-mail' },
  },
};
