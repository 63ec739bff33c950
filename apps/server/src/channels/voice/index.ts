export { createCallService, callStatusOf, type CallService } from './call.service.ts';
export { createCallHub, type CallHub } from './call.hub.ts';
export { callRoutes } from './call.routes.ts';
export { voiceWebhookRoutes } from './voice.routes.ts';
