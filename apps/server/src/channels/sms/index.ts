export { createSmsChannel, SMS_PROVIDER_ORDER, type SmsChannel, type InboundSms } from './sms.channel.ts';
export { smsWebhookRoutes, type WebhookDeps } from './sms.routes.ts';
export { analyzeSms, splitSms, encodingOf, SMS_LIMITS, type SmsInfo, type SmsEncoding } from './gsm.ts';
export { twilioSignature, verifyTwilioSignature, hmacSignature, verifyHmacSignature, HMAC_SIGNATURE_HEADER, HMAC_TIMESTAMP_HEADER } from './signatures.ts';
