export { createAssistantService, type AssistantService, type TurnInput, type TurnResult } from './assistant.service.ts';
export type { Handover } from './dialog.machine.ts';
export { matchRegistrationNumber } from './speech/registration-match.ts';
export { parseSpoken, spokenDigits } from './speech/spoken-numbers.ts';
export { say as assistantText } from './assistant.texts.ts';
