/** Texts both apps use (statuses, field problems, uploads), in English: the source the others follow. */
export const sharedEn = {
  common: { close: 'Close', cancel: 'Cancel', failed: 'Something went wrong. Please try again.', loadFailed: 'Could not load this. Check your connection and try again.', loading: 'Loading…', selected: 'selected' },
  status: {
    draft: 'Draft', registered: 'Registered', assigned: 'Assigned', in_progress: 'In progress', suspended: 'Suspended (clock stopped)',
    resolution_proposed: 'Answer proposed', resolved: 'Resolved', closed: 'Closed', rejected: 'Rejected', redirected: 'Redirected', withdrawn: 'Withdrawn', reopened: 'Reopened',
  },
  fields: { fileBelow: 'add the document under attachments', choose: 'Choose…' },
  fieldErrors: {
    required: 'This field is required', unknown_field: 'This field is not part of the form', not_text: 'Enter text', too_short: 'Enter at least {{min}} characters',
    too_long: 'Enter at most {{max}} characters', bad_format: 'This does not have the expected format', not_number: 'Enter a number', too_small: 'Enter {{min}} or more',
    too_large: 'Enter {{max}} or less', not_date: 'Enter a real date (YYYY-MM-DD)', not_boolean: 'Choose yes or no', not_option: 'Choose one of the options',
    duplicate_option: 'An option is chosen twice', too_few_options: 'Choose at least {{min}}', too_many_options: 'Choose at most {{max}}', not_file: 'Choose an uploaded file',
  },
  validation: { required: 'This field is required', invalid: 'This value is not valid', minLength: 'Enter at least {{min}} characters', maxLength: 'Enter at most {{max}} characters', min: 'Enter {{min}} or more', max: 'Enter {{max}} or less', email: 'Enter a valid e-mail address' },
  upload: { progress: 'Uploading {{pct}}%', done: 'Uploaded', failed: 'Not uploaded', remove: 'Remove {{name}}', removeShort: 'Remove', progressOf: 'Upload progress of {{name}}' },
  deadlineUnit: { calendar_days: 'calendar days', working_days: 'working days', working_hours: 'working hours' },
  errors: {
    'attachment.too_large': 'The file is too large', 'attachment.forbidden_type': 'This kind of file is not accepted', 'request.rate_limited': 'Too many attempts; wait a moment',
    'resource.stale_version': 'Someone changed this meanwhile; it was reloaded', 'auth.forbidden': 'You may not do this', 'case.invalid_transition': 'This case can no longer take that action',
    'server.unavailable': 'The service cannot be reached', 'request.validation_failed': 'Some fields are not valid',
  },
};
export type SharedTexts = typeof sharedEn;
