import { z } from 'zod';

/**
 * zod schemas of the Admin GraphQL 2026-10 shapes the adapter reads. Tolerant of extra fields (they
 * are dropped), strict about the ones it needs.
 */

const nullishString = z.string().nullish();

export const moneyV2Schema = z.object({ amount: z.string(), currencyCode: z.string() });
export const moneyBagSchema = z.object({ shopMoney: moneyV2Schema, presentmentMoney: moneyV2Schema });
export type ShopifyMoneyBag = z.infer<typeof moneyBagSchema>;

export const mailingAddressSchema = z.object({
  firstName: nullishString,
  lastName: nullishString,
  company: nullishString,
  address1: nullishString,
  address2: nullishString,
  city: nullishString,
  province: nullishString,
  provinceCode: nullishString,
  zip: nullishString,
  countryCodeV2: nullishString,
  phone: nullishString,
});

export const taxLineSchema = z.object({ title: z.string(), rate: z.number().nullish(), priceSet: moneyBagSchema });

export const discountAllocationSchema = z.object({
  allocatedAmountSet: moneyBagSchema,
  discountApplication: z.object({
    __typename: z.string().optional(),
    allocationMethod: nullishString,
    targetSelection: nullishString,
    targetType: nullishString,
    code: nullishString,
    title: nullishString,
  }),
});

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

export const lineItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  variantTitle: nullishString,
  sku: nullishString,
  quantity: z.number().int(),
  isGiftCard: z.boolean().default(false),
  requiresShipping: z.boolean().default(true),
  vendor: nullishString,
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() })).default([]),
  originalUnitPriceSet: moneyBagSchema,
  discountAllocations: z.array(discountAllocationSchema).default([]),
  taxLines: z.array(taxLineSchema).default([]),
  product: z.object({ id: z.string() }).nullish(),
  variant: z.object({ id: z.string() }).nullish(),
});
export type ShopifyLineItem = z.infer<typeof lineItemSchema>;

export const lineItemConnectionSchema = z.object({
  pageInfo: pageInfoSchema.optional(),
  nodes: z.array(lineItemSchema),
});

export const shippingLineSchema = z.object({
  id: z.string().nullish(),
  title: z.string(),
  code: nullishString,
  originalPriceSet: moneyBagSchema,
  discountAllocations: z.array(discountAllocationSchema).default([]),
  taxLines: z.array(taxLineSchema).default([]),
});

export const fulfillmentSchema = z.object({
  id: z.string(),
  status: nullishString,
  createdAt: z.string(),
  deliveredAt: nullishString,
  estimatedDeliveryAt: nullishString,
  inTransitAt: nullishString,
  trackingInfo: z.array(z.object({ company: nullishString, number: nullishString, url: nullishString })).default([]),
  fulfillmentLineItems: z
    .object({
      nodes: z.array(
        z.object({ id: z.string(), quantity: z.number().int().nullish(), lineItem: z.object({ id: z.string() }) }),
      ),
    })
    .default({ nodes: [] }),
});

/** A refund; on an order page only its id is read (the rest comes with the refund details). */
export const refundSchema = z.object({
  id: z.string(),
  createdAt: z.string().nullish(),
  note: nullishString,
  totalRefundedSet: moneyBagSchema.nullish(),
  refundLineItems: z
    .object({
      nodes: z.array(
        z.object({
          quantity: z.number().int(),
          restockType: nullishString,
          lineItem: z.object({ id: z.string() }),
          subtotalSet: moneyBagSchema,
          totalTaxSet: moneyBagSchema,
        }),
      ),
    })
    .default({ nodes: [] }),
  refundShippingLines: z
    .object({ nodes: z.array(z.object({ subtotalAmountSet: moneyBagSchema, taxAmountSet: moneyBagSchema })) })
    .default({ nodes: [] }),
});
export type ShopifyRefund = z.infer<typeof refundSchema>;

export const transactionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  gateway: nullishString,
  createdAt: nullishString,
  amountSet: moneyBagSchema,
  parentTransaction: z.object({ id: z.string() }).nullish(),
});

export const orderSchema = z.object({
  id: z.string(),
  name: nullishString,
  createdAt: z.string(),
  processedAt: nullishString,
  updatedAt: nullishString,
  cancelledAt: nullishString,
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  taxesIncluded: z.boolean(),
  displayFinancialStatus: nullishString,
  displayFulfillmentStatus: nullishString,
  email: nullishString,
  tags: z.array(z.string()).default([]),
  discountCodes: z.array(z.string()).default([]),
  customer: z.object({ id: z.string() }).nullish(),
  billingAddress: mailingAddressSchema.nullish(),
  shippingAddress: mailingAddressSchema.nullish(),
  subtotalPriceSet: moneyBagSchema.nullish(),
  totalDiscountsSet: moneyBagSchema.nullish(),
  totalShippingPriceSet: moneyBagSchema,
  totalTaxSet: moneyBagSchema.nullish(),
  totalPriceSet: moneyBagSchema,
  lineItems: lineItemConnectionSchema,
  shippingLines: z.object({ nodes: z.array(shippingLineSchema) }).default({ nodes: [] }),
  fulfillments: z.array(fulfillmentSchema).default([]),
  refunds: z.array(refundSchema).default([]),
  transactions: z.array(transactionSchema).default([]),
});
export type ShopifyOrder = z.infer<typeof orderSchema>;

export const customerSchema = z.object({
  id: z.string(),
  firstName: nullishString,
  lastName: nullishString,
  locale: nullishString,
  createdAt: nullishString,
  updatedAt: nullishString,
  tags: z.array(z.string()).default([]),
  defaultEmailAddress: z.object({ emailAddress: z.string(), marketingState: nullishString }).nullish(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullish(),
  defaultAddress: mailingAddressSchema.nullish(),
});
export type ShopifyCustomer = z.infer<typeof customerSchema>;

export const productFactsNodeSchema = z.object({
  id: z.string(),
  tags: z.array(z.string()).default([]),
  productType: nullishString,
  vendor: nullishString,
  collections: z.object({ nodes: z.array(z.object({ handle: z.string() })) }).default({ nodes: [] }),
});

export const userErrorSchema = z.object({
  field: z.array(z.string()).nullish(),
  message: z.string(),
  code: nullishString,
});

export const connectionPage = <T extends z.ZodType>(node: T) =>
  z.object({ pageInfo: pageInfoSchema, nodes: z.array(node) });

export const returnSchema = z.object({
  id: z.string(),
  name: nullishString,
  status: z.string(),
  order: z.object({ id: z.string() }),
  returnLineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        quantity: z.number().int(),
        customerNote: nullishString,
        returnReasonNote: nullishString,
        fulfillmentLineItem: z.object({ lineItem: z.object({ id: z.string() }) }).nullish(),
      }),
    ),
  }),
  exchangeLineItems: z.object({
    nodes: z.array(z.object({ id: z.string(), quantity: z.number().int(), variantId: nullishString })),
  }),
});
export type ShopifyReturn = z.infer<typeof returnSchema>;
