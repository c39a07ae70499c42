import { describe, expect, it } from 'vitest';
import { marketingChannels } from './marketing-channels.js';
import { createPurchaseHistory } from './purchase-history.js';

describe('marketingChannels', () => {
  it('keeps preferred channels with consent first, then other consented channels, never unconsented ones', () => {
    const history = createPurchaseHistory({ shopId: 'acme.myshopify.com' });
    const customer = { email: 'p@example.com' };
    const id = history.setPreferences(customer, { channels: ['whatsapp', 'sms', 'email'] });
    history.recordConsent(customer, { channel: 'whatsapp', granted: true, at: '2026-01-01T00:00:00Z', source: 'chat' });
    history.recordConsent(customer, { channel: 'sms', granted: false, at: '2026-01-01T00:00:00Z', source: 'checkout' });
    history.recordConsent(customer, { channel: 'phone', granted: true, at: '2026-01-02T00:00:00Z', source: 'call' });
    const profile = history.getProfile(id);
    expect(profile && marketingChannels(profile)).toEqual(['whatsapp', 'phone']);
  });

  it('returns nothing without consent', () => {
    expect(
      marketingChannels({ preferences: { channels: ['email'], language: null, interests: [] }, consent: {} }),
    ).toEqual([]);
  });
});
