import { z } from 'zod';
import { AftersaleError } from '../errors/aftersale-error.js';
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
  /** The parcel's tracking number when it becomes known only now (the customer shipped it). */
  trackingNumber?: string | null;
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
  /** The seller's designated carrier for returns, when the provider knows it. */
  readonly designatedCarrier?: string | null;
  createLabel(input: CreateReturnLabelInput): Promise<ReturnLabel>;
  /** The parcel's latest stage, or `null` when the provider cannot track it. */
  track(label: ReturnLabel): Promise<ReturnTrackingUpdate | null>;
}

const manualLabelSchema = z.strictObject({
  carrier: z.string().trim().min(1, 'name the carrier'),
  trackingNumber: z.string().trim().min(1).nullish(),
  returnCode: z.string().trim().min(1).nullish(),
  /** Whether the carrier is the seller's designated one; worked out from `designatedCarrier` when left out. */
  designated: z.boolean().optional(),
});
export type ManualLabelDetails = z.input<typeof manualLabelSchema>;

/** Options of {@link createManualReturnShipping}. */
export interface ManualReturnShippingOptions {
  /**
   * The seller's designated carrier for returns (`Yurtiçi Kargo`). A label whose details leave
   * `designated` out is designated exactly when its carrier is this one (letter case and spacing
   * aside).
   */
  designatedCarrier?: string;
}

function sameCarrier(a: string, b: string): boolean {
  const normal = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('tr');
  return normal(a) === normal(b);
}

/**
 * The built-in provider: the merchant tells it the carrier and the tracking number (and whether the
 * carrier is the shop's designated one, or names the designated carrier once in `options`); tracking
 * updates come from the merchant too (`track` returns `null`).
 *
 * @example
 * ```ts
 * const shipping = createManualReturnShipping(() => ({ carrier: 'Yurtiçi Kargo', trackingNumber: 'YK42' }), {
 *   designatedCarrier: 'Yurtiçi Kargo',
 * });
 * ```
 */
export function createManualReturnShipping(
  details: (input: CreateReturnLabelInput) => ManualLabelDetails | Promise<ManualLabelDetails>,
  options: ManualReturnShippingOptions = {},
): ReturnShippingProvider {
  const designatedCarrier = options.designatedCarrier?.trim() || null;
  return {
    name: 'manual',
    designatedCarrier,
    async createLabel(input) {
      const parsed = manualLabelSchema.safeParse(await details(input));
      if (!parsed.success) {
        throw aftersaleErrorFromZod(parsed.error, { code: 'invalid_input', subject: 'manual return label' });
      }
      const designated =
        parsed.data.designated ??
        (designatedCarrier === null ? null : sameCarrier(parsed.data.carrier, designatedCarrier));
      if (designated === null) {
        throw new AftersaleError({
          code: 'invalid_input',
          message:
            'The manual return label does not say whether its carrier is the designated one: set `designated`, or name the designated carrier with createManualReturnShipping(details, { designatedCarrier }).',
          issues: [{ path: 'designated', message: 'required when no designatedCarrier is configured' }],
        });
      }
      return {
        provider: 'manual',
        carrier: parsed.data.carrier,
        designated,
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
