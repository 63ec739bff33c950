export { createMessagingService, presentMessage, MESSAGE_CHANNELS, type MessagingService, type MessageRequest, type MessageChannel, type FailedMessage, type FailureListener } from './messaging.service.ts';
export { devSinkTransport, PermanentSendError, isPermanentHttpRefusal, type Transport, type TransportResolver, type OutgoingMessage, type SendResult } from './transport.ts';
export { messageRoutes } from './message.routes.ts';
export { createMessageLogService, type MessageLogService } from './message-log.service.ts';
export { createCitizenMessagesService, type CitizenMessagesService } from './citizen-messages.service.ts';
