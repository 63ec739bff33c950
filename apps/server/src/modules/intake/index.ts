export { createIntakeService, type IntakeService, type IntakeSettings } from './intake.service.ts';
export { INBOUND_CHANNELS, type InboundMessage, type InboundAttachment, type IntakeOutcome, type InboundChannel } from './inbound-message.ts';
export { renderAcknowledgement } from './acknowledgement.ts';
export { findRegistrationNumbers } from './references.ts';
export { createChannelConfigService, type ChannelConfigService, type MailboxRoute } from './channel-config.service.ts';
export { channelConfigRoutes } from './channel-config.routes.ts';
