import type { Config } from '../config.ts';
import type { ChannelConfigService } from '../modules/intake/index.ts';
import { devSinkTransport, type TransportResolver } from '../modules/messaging/index.ts';
import { emailTransportResolver } from './email/index.ts';
import type { SmsChannel } from './sms/index.ts';

export interface TransportDeps {
  config: Config;
  channelConfig: ChannelConfigService;
  /** SMS by the institution's Twilio, SMPP or gateway account; generic `webhook` messages by its webhook account. */
  sms: SmsChannel;
}

/**
 * How each channel's messages leave: one resolver per channel, each returning null when nothing is
 * configured for the institution, in which case the message stays in the development sink (shown
 * in the staff UI). Each channel adds its own entry here.
 */
export function channelTransportResolvers(deps: TransportDeps): Record<string, TransportResolver> {
  return {
    email: emailTransportResolver({ channelConfig: deps.channelConfig, relayUrl: deps.config.mailOut.relayUrl, from: deps.config.mailOut.from }),
    sms: (tenantId) => deps.sms.smsTransport(tenantId),
    webhook: (tenantId) => deps.sms.webhookTransport(tenantId),
  };
}

/** Routes by channel to the resolvers above, with the development sink as the fallback. */
export function composeTransports(byChannel: Record<string, TransportResolver>, fallback: TransportResolver = async () => devSinkTransport): TransportResolver {
  return async (tenantId, channel) => (await byChannel[channel]?.(tenantId, channel)) ?? fallback(tenantId, channel);
}

export function createTransportResolver(deps: TransportDeps): TransportResolver {
  return composeTransports(channelTransportResolvers(deps));
}
