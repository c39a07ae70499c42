import { z } from 'zod';
import { aftersaleErrorFromZod } from '../../errors/from-zod-error.js';
import { platformSchema, timestampSchema } from '../../model/schemas.js';

const id = z.string().min(1).max(255);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, such as TR');

/**
 * Who a record is about. Give what you know: a record attaches to the identity named most precisely,
 * the platform customer, else the order's customer or guest, else the profile, else the normalised
 * e-mail or phone (a new identity that may join, or found, a profile). The e-mail and phone are kept
 * only as the profile's identity keys.
 */
export const customerLookupSchema = z.object({
  /** A CRM profile id (`cus_...`). */
  profileId: id.nullish(),
  /** The platform of `customerId` and `orderId`. @default 'shopify' */
  platform: platformSchema.nullish(),
  /** The platform's customer id. */
  customerId: id.nullish(),
  /** An order of the customer (the platform's order id as in `Order.id`). */
  orderId: id.nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  /** The country a national phone number was written in. */
  countryCode: countryCode.nullish(),
});
export type CustomerLookup = z.input<typeof customerLookupSchema>;

/** The channels aftersale knows for contacts, preferences and consent. */
export const contactChannels = [
  'email',
  'sms',
  'whatsapp',
  'phone',
  'chat',
  'social',
  'marketplace',
  'in_person',
] as const;
export const contactChannelSchema = z.enum(contactChannels);
export type ContactChannel = z.infer<typeof contactChannelSchema>;

/** A complaint, for the timeline and the complaint rate (the record itself lives in the store). */
export const complaintFactInputSchema = z.object({
  /** `cmp_` + a unique suffix, as in the store. */
  id: id.regex(/^cmp_/, 'must start with cmp_'),
  at: timestampSchema,
  customer: customerLookupSchema,
  orderId: id.nullish(),
  channel: z.string().min(1),
  category: z.string().nullish(),
  status: z.string().min(1),
});
export type ComplaintFactInput = z.input<typeof complaintFactInputSchema>;

/** A return request (a return case), for the timeline. Returned units and value come from refunds. */
export const returnFactInputSchema = z.object({
  /** `ret_` + a unique suffix, as in the store. */
  id: id.regex(/^ret_/, 'must start with ret_'),
  at: timestampSchema,
  customer: customerLookupSchema,
  orderId: id,
  status: z.string().min(1),
  units: z.number().int().positive(),
  /** Reason codes of the lines, such as `wrong_size`. */
  reasons: z.array(z.string()).default([]),
});
export type ReturnFactInput = z.input<typeof returnFactInputSchema>;

/** A satisfaction answer: CSAT on the usual 1 (very unsatisfied) to 5 (very satisfied) scale. */
export const feedbackInputSchema = z.object({
  /** `fbk_` + a unique suffix. */
  id: id.regex(/^fbk_/, 'must start with fbk_'),
  at: timestampSchema,
  customer: customerLookupSchema,
  csat: z.number().int().min(1, 'CSAT is 1 to 5').max(5, 'CSAT is 1 to 5'),
  orderId: id.nullish(),
  complaintId: id.nullish(),
  channel: contactChannelSchema.nullish(),
});
export type FeedbackInput = z.input<typeof feedbackInputSchema>;

/** A contact on any channel. No message text: the conversation stays in the tool it happened in. */
export const contactInputSchema = z.object({
  /** `cnt_` + a unique suffix. */
  id: id.regex(/^cnt_/, 'must start with cnt_'),
  at: timestampSchema,
  customer: customerLookupSchema,
  channel: contactChannelSchema,
  direction: z.enum(['inbound', 'outbound']),
  /** A topic code such as `order-status` or `campaign:spring-sale` (no personal data). */
  topic: z.string().max(200).nullish(),
});
export type ContactInput = z.input<typeof contactInputSchema>;

/** What the customer prefers: channels in order of preference, language, interests (product families, tags). */
export const preferencesInputSchema = z.object({
  channels: z.array(contactChannelSchema).optional(),
  /** BCP 47 language tag, such as `tr` or `en-GB`. */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as tr or en-GB')
    .nullish(),
  interests: z.array(z.string().min(1).max(100)).optional(),
});
export type PreferencesInput = z.input<typeof preferencesInputSchema>;

/** A consent given or withdrawn for marketing on one channel, with when and where it was recorded. */
export const consentInputSchema = z.object({
  channel: contactChannelSchema,
  granted: z.boolean(),
  at: timestampSchema,
  /** Where it was recorded: `shopify`, `woocommerce`, `checkout`, `preference-centre`, `merchant:<staff id>`. */
  source: z.string().min(1).max(200),
});
export type ConsentInput = z.input<typeof consentInputSchema>;

/** Validates a CRM input and throws `invalid_input` naming every path at fault. */
export function parseHistoryInput<T extends z.ZodType>(schema: T, input: unknown, subject: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw aftersaleErrorFromZod(parsed.error, {
      code: 'invalid_input',
      subject,
      hint: 'Correct it and record it again; nothing was changed.',
    });
  }
  return parsed.data;
}
