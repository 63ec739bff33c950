export { assistantChatRoutes, assistantHandoverRoutes, assistantVoiceRoutes, JAMBONZ_ASSISTANT_PATH, TWILIO_ASSISTANT_PATH } from './assistant.routes.ts';
export { createSmsAssistant, type SmsAssistant } from './sms-assistant.ts';
export { jambonzSignature, verifyJambonzSignature } from './jambonz-signature.ts';
