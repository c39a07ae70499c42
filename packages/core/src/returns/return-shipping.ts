import { z } from 'zod';
import { aftersaleErrorFromZod } from '../errors/from-zod-error.js';

/** A return parcel's label or code, as a provider issued it. */
export interface ReturnLabel {
  provider: string;
  carrier: string;
  /** Whether this is the seller's designated carrier: under Turkish law the consumer then pays nothing. */
  designated: boolean;
  trackingNumber: string | null;
  /** A printable label, or a code the customer shows at a drop-off point. */
  labelUrl: string | null;
  returnCode: string | null;
}

export type ReturnTrackingStage = 'label_issued' | 'in_transit' | 'delivered';

/** A tracking reading: where the parcel is. `delivered` means it reached the shop (received). */
export interface ReturnTrackingUpdate {
  stage: ReturnTrackingStage;
  at: string;
}

export interface CreateReturnLabelInput {
  shopId: string;
  caseId: string;
  orderId: string;
  /** The lines going back, for providers that price by parcel. */
  lines: readonly { lineItemId: string; quantity: number }[];
}

/**
 * Where return labels come from: a carrier integration, or the built-in manual provider where the
 * merchant enters the carrier and the tracking number.
 */
export interface ReturnShippingProvider {
  readonly name: string;
  createLabel(input: CreateReturnLabelInput): Promise<ReturnLabel>;
  /** The parcel's latest stage, or `null` when the provider cannot track it. */
  track(label: ReturnLabel): Promise<ReturnTrackingUpdate | null>;
}

const manualLabelSchema = z.strictObject({
  carrier: z.string().trim().min(1, 'name the carrier'),
  trackingNumber: z.string().trim().min(1).nullish(),
  returnCode: z.string().trim().min(1).nullish(),
  designated: z.boolean(),
});
export type ManualLabelDetails = z.input<typeof manualLabelSchema>;

/**
 * The built-in provider: the merchant tells it the carrier (and whether it is the shop's designated one)
 * and the tracking number; tracking updates come from the merchant too (`track` returns `null`).
 */
export function createManualReturnShipping(
  details: (input: CreateReturnLabelInput) => ManualLabelDetails | Promise<ManualLabelDetails>,
): ReturnShippingProvider {
  return {
    name: 'manual',
    async createLabel(input) {
      const parsed = manualLabelSchema.safeParse(await details(input));
      if (!parsed.success) {
        throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'manual return label' });
      }
      return {
        provider: 'manual',
        carrier: parsed.data.carrier,
        designated: parsed.data.designated,
        trackingNumber: parsed.data.trackingNumber ?? null,
        labelUrl: null,
        returnCode: parsed.data.returnCode ?? null,
      };
    },
    async track() {
      return null;
    },
  };
}
