/** The citizen's page (contacts, requests, message history) in English: the source. */
export const citizensEn = {
  citizenPage: {
    backToCase: 'Back to the case', contact: 'Contact details', kind: { person: 'Person', organisation: 'Organisation' },
    notFound: 'No such citizen.', merged: 'This record was merged into another one.', openKept: 'Open the record that was kept',
    cases: 'Requests', noCases: 'No requests that you may see.', moreCases: 'Show more requests', number: 'Number', subject: 'Subject', status: 'Status', registered: 'Registered',
    messages: {
      title: 'Messages sent', intro: 'Every message sent to this citizen and about their requests that you may see, newest first. Reading them is recorded in the audit trail.',
      case: 'Request', showText: 'Show the text', hideText: 'Hide the text', showTextOf: 'Show the text of the message of {{when}}', hideTextOf: 'Hide the text of the message of {{when}}',
      withheld: 'A one-time sign-in or verification code: its text is never shown to staff.',
    },
  },
};
