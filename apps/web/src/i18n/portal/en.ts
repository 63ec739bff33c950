/** The citizen portal in English: the source the other languages follow. */
export const portalEn = {
  portal: {
    skip: 'Skip to content', language: 'Language', loading: 'Loading…', unknownInstitution: 'This institution does not exist here.', unavailable: 'The service is unavailable at the moment. Please try again later.',
    footer: 'CivicLine — requests to public institutions. Your data is processed only to answer your request.',
    welcome: '{{name}}', intro: 'Send a request, a complaint or a petition, and follow it with its registration number.',
    submitTitle: 'Submit a request', submitIntro: 'Choose what it is about, fill in the form and add documents.', submitButton: 'Start a request',
    statusTitle: 'Check a request', statusIntro: 'Enter the registration number you received.', statusButton: 'Check a request',
    pickInstitution: 'Open the portal address your institution gives, or enter its short name.', institutionSlug: 'Institution short name', go: 'Open',
    errorsTitle_one: 'There is {{count}} problem', errorsTitle_other: 'There are {{count}} problems',
    groups: {},
    form: {
      requiredNote: 'Fields marked with * are required.', what: 'Your request', who: 'Your contact details', category: 'What is it about?', subject: 'Subject', description: 'Describe your request',
      attachments: 'Documents', attachmentsHelp: 'PDF, images or office documents, up to 20 MB each.', addFile: 'Add files', deadline: 'The legal answer time is {{amount}} {{unit}}.',
      firstName: 'First name', lastName: 'Last name', email: 'E-mail', phone: 'Mobile phone', preferredChannel: 'How should we tell you about it?', byEmail: 'By e-mail', bySms: 'By SMS',
      emailNeeded: 'Enter your e-mail address, or choose SMS', phoneNeeded: 'Enter your mobile number, or choose e-mail',
      consent: 'I agree that {{name}} processes my personal data to handle this request (GDPR art. 6(1)(e)).', consentShort: 'Consent', consentRequired: 'You must agree so that we can handle your request',
      send: 'Send the request', waitUploads: 'Wait until the files are uploaded.',
    },
    done: {
      title: 'Your request is registered', number: 'Registration number', registered: 'Registered on {{at}}.', due: 'You will get an answer by {{at}}.',
      ack: { email: 'We also sent a confirmation by e-mail.', sms: 'We also sent a confirmation by SMS.' }, keep: 'Keep the number: you need it to check the request.',
    },
    status: {
      number: 'Registration number', numberHelp: 'As written on your confirmation, e.g. PET-2026-000123', numberNeeded: 'Enter the registration number', check: 'Check',
      notFound: 'No request has this number. Check it and try again.', request: 'Request {{number}}', state: 'Status', category: 'Kind', registered: 'Registered', due: 'Answer due',
      lastChange: 'Last change', notes: 'Messages from the institution', privacy: 'We show only the status and the messages meant for you; nothing else about the request.',
    },
  },
};
