import type { ContactChannel } from './history-inputs.js';
import type { CustomerProfileView } from './purchase-history.js';

/**
 * The channels a marketing message may use for this person, best first: their preferred channels whose
 * consent is granted, then any other channel with granted consent. A channel without a recorded consent
 * is never returned (no consent is not consent). Service messages about an order need no marketing
 * consent and should use `preferences.channels` directly.
 *
 * @example marketingChannels(history.getProfile(profileId)!) // ['whatsapp', 'email']
 */
export function marketingChannels(profile: Pick<CustomerProfileView, 'preferences' | 'consent'>): ContactChannel[] {
  const granted = (channel: ContactChannel): boolean => profile.consent[channel]?.granted === true;
  const preferred = profile.preferences.channels.filter(granted);
  const others = (Object.keys(profile.consent) as ContactChannel[])
    .filter((channel) => granted(channel) && !preferred.includes(channel))
    .sort();
  return [...preferred, ...others];
}
