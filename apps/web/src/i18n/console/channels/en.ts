/** The channel screens (screen-pop, registry desk, mailboxes, lines, providers) in English: the source. */
export const channelsEn = {
  calls: {
    region: 'Incoming calls', incomingFrom: 'Incoming call from {{who}}', endedFrom: 'The call from {{who}} has ended', withheld: 'Number withheld',
    known: 'Known caller', unknown: 'Not on file', status: { ringing: 'Ringing', in_progress: 'In progress', ended: 'Call ended' },
    line: 'On {{line}} from {{number}}, {{time}}', openCases_one: '{{count}} open case', openCases_other: '{{count}} open cases', due: 'due {{date}}',
    recentContacts: 'Recent contacts', fromCitizen: 'from them', toCitizen: 'to them', openDraft: 'Open the draft', noDraft: 'This line has no category, so no draft was opened for the call. Choose the category to open it in.',
    openCall: 'Open the call', open: { title: 'Open a draft for this call', placeholder: 'Choose a category…', chooseFirst: 'Choose the category first', submit: 'Open the draft' },
    dismiss: 'Put away', dismissOf: 'Put away the call from {{who}}', pageTitle: 'Call from {{who}}', caller: 'The caller',
    assistant: {
      title: 'Before putting the call through, the assistant heard', language: 'Language', intent: 'They want', reference: 'Number given', level: 'Identity',
      verified: 'verified to level {{level}}', notVerified: 'not verified', told: 'Already told', steps: 'Steps',
      intents: { status: 'to know the status of a request', new_request: 'to file a new request', information: 'information', operator: 'to speak to someone' },
      kinds: { case: 'request', invoice: 'invoice', local_tax: 'local tax', benefit: 'benefit file', appointment: 'appointment', document: 'document' },
    },
    find: {
      title: 'Who is calling?', notThem: 'Someone else is calling?', label: 'Name or phone number', help: 'Find the caller’s record; the call and its draft move to it.',
      search: 'Search', none: 'Nobody found.', attach: 'This is the caller', attachOf: '{{name}} is the caller', tooShort: 'Type at least 2 characters',
    },
    draft: {
      title: 'The request', subject: 'Subject', description: 'What they ask for', register: 'Register', registered: 'Registered',
      registeredAs: 'Registered as {{number}}, due {{due}}.', openCase: 'Open the case',
    },
  },
  registry: {
    nav: 'Registry', title: 'Registry desk', formTitle: 'Record a paper document', sender: 'Sender', senderMode: 'Who sent it', newSender: 'New sender', knownSender: 'On file',
    chooseSender: 'Choose the sender', senderKind: 'Person or organisation', person: 'Person', organisation: 'Organisation', firstName: 'First name', lastName: 'Last name',
    organisationName: 'Organisation', address: 'Postal address', locality: 'Locality', postalCode: 'Postal code', phone: 'Phone', email: 'E-mail',
    delivery: 'How it came', deliveryMethod: { post: 'By post', courier: 'By courier', in_person: 'Handed in', fax_paper: 'Fax (paper)' },
    receivedOn: 'Received on', pages: 'Pages', senderReference: 'Sender’s reference', scans: 'Scans', addScans: 'Add scans', scansHelp: 'PDF, JPEG, PNG or TIFF; several files allowed.',
    scanRequired: 'Attach the scan of the document', uploadProgress: 'Upload progress of the scans', fix: 'Fix the fields marked above.', record: 'Record and register',
    recorded: 'Document recorded', recordedSummary_one: 'Registered {{date}}; due {{due}}; {{count}} scan attached.', recordedSummary_other: 'Registered {{date}}; due {{due}}; {{count}} scans attached.', outcome: { appended: 'It joined the case it refers to.', duplicate: 'It was already recorded.' },
    openReceipt: 'Open the receipt (PDF)', printReceipt: 'Print the receipt', receiptA4: 'A4 receipt', receipt: 'Receipt', receiptOf: 'Receipt of {{number}} (PDF)', next: 'Record another document',
    today: 'Register of {{date}}', noneToday: 'Nothing recorded yet today.', recordedAt: 'Recorded',
  },
  admin: {
    tabs: { mailboxes: 'Mailboxes', lines: 'Phone lines', providers: 'Providers' },
    edit: 'Edit', editOf: 'Edit {{name}}',
    mailboxes: {
      new: 'New mailbox', edit: 'Edit {{address}}', address: 'Address', categoryDepartment: 'The category’s department', isFax: 'Fax line', isFaxHelp: 'Mail from the fax gateway: the attachment is the document',
      acknowledge: 'Acknowledge receipt', useImap: 'Poll over IMAP', useImapHelp: 'For a mailbox on the institution’s own mail server', imap: 'IMAP mailbox', host: 'Server', port: 'Port',
      folder: 'Folder', user: 'User name', password: 'Password', passwordWriteOnly: 'Stored encrypted; never shown again.', passwordKept: 'Leave empty to keep the stored password.',
      allow: 'Only from these senders', allowHelp: 'Mail received over SMTP; one a line: ana@example.ro, example.ro or *.example.ro. Empty: anyone may write.', deny: 'Never from these senders', denyHelp: 'Refused over SMTP (550), even if allowed above.',
      allowCount_one: '{{count}} allowed sender', allowCount_other: '{{count}} allowed senders', denyCount_one: '{{count}} refused sender', denyCount_other: '{{count}} refused senders',
      secure: 'TLS', receiving: 'Receives by', fax: 'Fax',
    },
    lines: {
      new: 'New phone line', edit: 'Edit {{number}}', number: 'Number', numberHelp: 'In national or international form; stored as +40…', categoryHelp: 'Calls and SMS open cases of this category',
      departmentHelp: 'Defaults to the category’s department', noCategory: 'None (no drafts for calls)', language: 'Language', languageHelp: 'What callers hear, and the language of a new caller’s record', transferQueue: 'Transfer queue', transferQueueHelp: 'The Twilio or jambonz queue the assistant puts callers into for an operator; empty: the contact centre number (dialNumber)', institutionLanguage: 'The institution’s language', voice: 'Calls', sms: 'SMS', uses: 'Used for',
    },
    providers: {
      new: 'New provider account', edit: 'Edit {{name}}', provider: 'Provider', settings: 'Settings', secret: 'Secret', secretStored: 'Stored', noSecret: 'None',
      badLines: 'Write each setting as name = value (lines {{lines}})',
      kind: { twilio: 'Twilio', sms_webhook: 'SMS gateway (webhook)', smpp: 'SMPP', smtp: 'SMTP', webhook: 'Webhook (PBX, others)' },
      settingsHelp: {
        twilio: 'One per line: accountSid = AC…, from = +40…, dialNumber = where calls are put through. Secret: the auth token.',
        sms_webhook: 'One per line: url = https://…, from = +40…. Secret: the signing key.',
        smpp: 'One per line: host, port, systemId, from. Secret: the password.',
        smtp: 'One per line: host, port, secure = true/false, user, from. Secret: the password.',
        webhook: 'One per line: url = https://…. Secret: the signing key of the requests.',
      },
    },
  },
  fieldCodes: { invalid_format: 'This does not have the expected format', too_small: 'Too short or too small', too_big: 'Too long or too large', invalid_type: 'Fill this in', invalid_value: 'Choose one of the allowed values' },
  errors: { 'channel.address_taken': 'This is already in use', 'resource.conflict': 'This cannot be done in the current state' },
};
