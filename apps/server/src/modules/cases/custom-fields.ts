/** The rules live in the contracts package, so that the web forms check exactly what the server does. */
export { validateCustomFields, type CustomFieldCheck as FieldCheck } from '@civicline/contracts/custom-fields';
