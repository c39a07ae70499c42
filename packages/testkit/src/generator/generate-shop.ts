import {
  add,
  addTax,
  allocate,
  type Customer,
  extractTax,
  type LineItem,
  type Money,
  money,
  multiply,
  multiplyByRatio,
  type Order,
  parseCustomer,
  parseOrder,
  percentage,
  type Refund,
  subtract,
  sum,
  zero,
} from '@aftersale/core';
import { createRandom, type Random } from './create-random.js';
import { type CatalogueProduct, catalogue, type Market, markets } from './shop-catalogue.js';

/** Settings of {@link generateShop}. */
export interface GenerateShopOptions {
  /** Same seed, same shop, on every machine. */
  seed: number;
  /** How many customers. @default 50 */
  customers?: number;
  /** How many orders. @default 200 */
  orders?: number;
  /** The platform the records say they come from. @default 'shopify' */
  platform?: 'shopify' | 'woocommerce';
  /** When the shop's history ends (the newest order is before it). @default 2026-03-01T00:00:00Z */
  until?: Date;
  /** Share of orders placed as guests. @default 0.08 */
  guestShare?: number;
}

/** A generated shop: customers and their orders (oldest first), each valid under `parseOrder`. */
export interface GeneratedShop {
  customers: Customer[];
  orders: Order[];
}

const day = 86_400_000;

interface Persona {
  customer: Customer;
  market: Market;
  /** Mean days between two orders of this person. */
  rhythmDays: number;
  /** How many orders this person places, relative to others. */
  weight: number;
  /** Product families the person keeps coming back to. */
  favourites: string[];
}

function makePersona(random: Random, index: number, platform: 'shopify' | 'woocommerce', until: Date): Persona {
  const market = random.weighted(markets.map((candidate) => [candidate, candidate.share] as const));
  const firstName = random.pick(market.firstNames);
  const lastName = random.pick(market.lastNames);
  const id = platform === 'shopify' ? `gid://shopify/Customer/${7_000_000 + index}` : String(100 + index);
  const handle = `${firstName}.${lastName}`
    .toLocaleLowerCase(market.locale)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[^a-z.]/g, '');
  const phone = `${market.phonePrefix}${String(random.integer(1_000_000, 9_999_999))}`;
  const createdAt = new Date(until.getTime() - random.integer(200, 900) * day).toISOString();
  const customer = parseCustomer({
    id,
    source: { platform, id },
    email: `${handle}${index}@${random.pick(market.mailDomains)}`,
    phone,
    firstName,
    lastName,
    locale: market.locale,
    countryCode: market.countryCode,
    tags: random.chance(0.15) ? ['vip'] : [],
    marketingConsent: { email: random.chance(0.6), sms: random.chance(0.3) },
    createdAt,
    defaultAddress: {
      firstName,
      lastName,
      line1: `${random.pick(market.streets)} ${random.integer(1, 180)}`,
      city: random.pick(market.cities),
      postalCode: String(random.integer(10_000, 99_999)),
      countryCode: market.countryCode,
      phone,
    },
  });
  // Heavy-tailed: most people buy once or twice, a few come back every few weeks.
  const loyalty = random.next();
  return {
    customer,
    market,
    rhythmDays:
      loyalty > 0.85 ? random.integer(14, 40) : loyalty > 0.5 ? random.integer(45, 120) : random.integer(150, 400),
    weight: loyalty > 0.85 ? 8 : loyalty > 0.5 ? 3 : 1,
    favourites: random.sample([...new Set(catalogue.map((product) => product.family))], 2),
  };
}

function pickBasket(random: Random, persona: Persona | null): CatalogueProduct[] {
  const family = persona && random.chance(0.7) ? random.pick(persona.favourites) : random.pick(catalogue).family;
  const inFamily = catalogue.filter((product) => product.family === family);
  const first = random.pick(inFamily);
  const basket = [first];
  // Co-purchases: what is usually bought with the first item.
  for (const companion of first.boughtWith) {
    const product = catalogue.find((candidate) => candidate.sku === companion);
    if (product && random.chance(0.45)) basket.push(product);
  }
  if (random.chance(0.2)) {
    const extra = random.pick(catalogue);
    if (!basket.includes(extra)) basket.push(extra);
  }
  return basket;
}

function price(product: CatalogueProduct, market: Market): Money {
  // Catalogue prices are in TRY kuruş; other markets get a rounded local price (.90 or .99 endings).
  const converted = multiplyByRatio(money(product.priceTry, 'TRY'), market.fromTry, 'half-up').amount;
  const minor = market.currency === 'TRY' ? converted : Math.max(1, Math.round(converted / 100)) * 100 - 1;
  return money(minor, market.currency);
}

function buildOrder(
  random: Random,
  index: number,
  persona: Persona | null,
  market: Market,
  createdAt: Date,
  until: Date,
  platform: 'shopify' | 'woocommerce',
): Order {
  const currency = market.currency;
  const basket = pickBasket(random, persona);
  const age = (until.getTime() - createdAt.getTime()) / day;
  const discountPercent = random.chance(0.25) ? random.pick([5, 10, 15, 20]) : 0;
  const code = discountPercent > 0 ? random.pick(market.discountCodes) : null;
  const lines: LineItem[] = basket.map((product, position) => {
    const quantity = random.chance(0.8) ? 1 : random.integer(2, 4);
    const unitPrice = price(product, market);
    const gross = multiply(unitPrice, quantity);
    const discount = discountPercent > 0 ? percentage(gross, discountPercent, 'half-even') : zero(currency);
    const rate = market.taxRates[product.taxClass];
    const taxed = subtract(gross, discount);
    const breakdown = market.taxesIncluded
      ? extractTax(taxed, [{ rate, title: market.taxTitle }], 'half-even')
      : addTax(taxed, [{ rate, title: market.taxTitle }], 'half-even');
    return {
      id: `line_${index + 1}_${position + 1}`,
      productId: `prod_${product.sku}`,
      variantId: `var_${product.sku}_${position}`,
      sku: product.sku,
      title: product.titles[market.language],
      variantTitle: product.variants ? random.pick(product.variants) : null,
      quantity,
      unitPrice,
      discountAllocations: discountPercent > 0 ? [{ amount: discount, level: 'order', code, title: code }] : [],
      taxLines: [{ title: market.taxTitle, rate: Number(rate), amount: breakdown.taxes[0]?.amount ?? zero(currency) }],
      product: { tags: product.tags, type: product.family, vendor: product.vendor, categories: [product.family] },
      giftCard: false,
      requiresShipping: true,
      properties: (product.personalised && random.chance(0.5)
        ? { engraving: persona?.customer.firstName ?? 'A.' }
        : {}) as Record<string, string>,
    };
  });
  const subtotal = sum(
    lines.map((line) => multiply(line.unitPrice, line.quantity)),
    currency,
  );
  const discounts = sum(
    lines.flatMap((line) => line.discountAllocations.map((allocation) => allocation.amount)),
    currency,
  );
  const freeShipping = subtract(subtotal, discounts).amount >= market.freeShippingFrom;
  const shippingPrice = freeShipping ? zero(currency) : money(market.shippingPrice, currency);
  const shippingTax = market.taxesIncluded
    ? extractTax(shippingPrice, [{ rate: market.taxRates.standard }], 'half-even').taxes[0]?.amount
    : addTax(shippingPrice, [{ rate: market.taxRates.standard }], 'half-even').taxes[0]?.amount;
  const shippingLines = [
    {
      id: `ship_${index + 1}`,
      title: freeShipping ? market.freeShippingTitle : market.shippingTitle,
      code: 'standard',
      price: shippingPrice,
      discountAllocations: [],
      taxLines: [
        { title: market.taxTitle, rate: Number(market.taxRates.standard), amount: shippingTax ?? zero(currency) },
      ],
    },
  ];
  const tax = add(
    sum(
      lines.flatMap((line) => line.taxLines.map((taxLine) => taxLine.amount)),
      currency,
    ),
    shippingTax ?? zero(currency),
  );
  const goods = subtract(subtotal, discounts);
  const total = market.taxesIncluded ? add(goods, shippingPrice) : add(add(goods, shippingPrice), tax);

  // Fulfilment follows age: orders older than two weeks are delivered; younger ones may be partly
  // shipped (some lines, or some units of a line) or still waiting.
  const shipped = lines
    .map((line) => ({
      lineItemId: line.id,
      quantity: age > 14 ? line.quantity : age > 1 && random.chance(0.6) ? random.integer(1, line.quantity) : 0,
    }))
    .filter((line) => line.quantity > 0);
  const shippedAt = new Date(createdAt.getTime() + random.integer(1, 3) * day);
  const fulfillments =
    shipped.length === 0
      ? []
      : [
          {
            id: `ful_${index + 1}`,
            status: 'success',
            lines: shipped,
            shippedAt: shippedAt.toISOString(),
            deliveredAt: age > 6 ? new Date(shippedAt.getTime() + random.integer(1, 4) * day).toISOString() : null,
            tracking: [
              {
                company: random.pick(market.carriers),
                number: String(random.integer(100_000_000, 999_999_999)),
                url: null,
              },
            ],
          },
        ];
  const complete = lines.every(
    (line) => shipped.find((entry) => entry.lineItemId === line.id)?.quantity === line.quantity,
  );
  const fulfillmentStatus = shipped.length === 0 ? 'unfulfilled' : complete ? 'fulfilled' : 'partially_fulfilled';

  // About one delivered order in ten has a refund of one unit of one line.
  const refunds: Refund[] = [];
  if (age > 10 && fulfillmentStatus === 'fulfilled' && random.chance(0.1)) {
    const line = random.pick(lines);
    const paidForLine = subtract(
      multiply(line.unitPrice, line.quantity),
      sum(
        line.discountAllocations.map((allocation) => allocation.amount),
        currency,
      ),
    );
    const [unitShare] = allocate(paidForLine, [1, line.quantity - 1]);
    const lineTax = line.taxLines[0]?.amount ?? zero(currency);
    const [unitTax] = allocate(lineTax, [1, line.quantity - 1]);
    const refundTax = unitTax ?? zero(currency);
    const refundGross = unitShare ?? zero(currency);
    const refundSubtotal = market.taxesIncluded ? subtract(refundGross, refundTax) : refundGross;
    refunds.push({
      id: `refund_${index + 1}`,
      platformId: platform === 'shopify' ? `gid://shopify/Refund/${900_000 + index}` : String(5000 + index),
      createdAt: new Date(createdAt.getTime() + random.integer(8, 20) * day).toISOString(),
      note: random.pick(market.refundNotes),
      lines: [{ lineItemId: line.id, quantity: 1, subtotal: refundSubtotal, tax: refundTax, restockType: 'return' }],
      shipping: null,
      total: add(refundSubtotal, refundTax),
    });
  }
  const customer = persona?.customer ?? null;
  const email = customer?.email ?? `guest${index}@${random.pick(market.mailDomains)}`;
  const address = {
    firstName: customer?.firstName ?? random.pick(market.firstNames),
    lastName: customer?.lastName ?? random.pick(market.lastNames),
    line1: customer?.defaultAddress?.line1 ?? `${random.pick(market.streets)} ${random.integer(1, 99)}`,
    city: customer?.defaultAddress?.city ?? random.pick(market.cities),
    postalCode: customer?.defaultAddress?.postalCode ?? String(random.integer(10_000, 99_999)),
    countryCode: market.countryCode,
    phone: customer?.phone ?? null,
  };
  const orderNumber = 1001 + index;
  return parseOrder({
    id: `ord_${orderNumber}`,
    source: {
      platform,
      id: platform === 'shopify' ? `gid://shopify/Order/${5_000_000 + index}` : String(orderNumber),
      name: platform === 'shopify' ? `#${orderNumber}` : String(orderNumber),
      rawStatus:
        platform === 'shopify'
          ? { financial: refunds.length > 0 ? 'PARTIALLY_REFUNDED' : 'PAID' }
          : { status: fulfillmentStatus === 'fulfilled' ? 'completed' : 'processing' },
    },
    currency,
    taxesIncluded: market.taxesIncluded,
    createdAt: createdAt.toISOString(),
    processedAt: createdAt.toISOString(),
    financialStatus: refunds.length > 0 ? 'partially_refunded' : 'paid',
    fulfillmentStatus,
    customer: customer ? { id: customer.id, email: customer.email } : null,
    email,
    billingAddress: address,
    shippingAddress: address,
    tags: persona?.customer.tags ?? [],
    discountCodes: code ? [code] : [],
    lines,
    shippingLines,
    fulfillments,
    refunds,
    transactions: [
      {
        id: `txn_${index + 1}`,
        kind: 'sale',
        status: 'success',
        gateway: random.pick(market.gateways),
        amount: total,
        createdAt: createdAt.toISOString(),
      },
      ...refunds.map((refund, position) => ({
        id: `txn_${index + 1}_r${position + 1}`,
        kind: 'refund' as const,
        status: 'success' as const,
        gateway: 'manual',
        amount: refund.total,
        createdAt: refund.createdAt,
        parentId: `txn_${index + 1}`,
      })),
    ],
    totals: { subtotal, discounts, shipping: shippingPrice, tax, total },
  });
}

/**
 * A realistic, seeded shop: Turkish, German, Dutch and American customers paying in TRY, EUR and
 * USD; repeat buyers with their own rhythm and favourite products, co-purchases, discount codes,
 * mixed tax rates (tax-inclusive in Turkey and the EU, added on top in the US), partial fulfilments
 * and refunds. The same seed gives the same shop; every order passes core's `parseOrder`.
 *
 * @example
 * ```ts
 * const { customers, orders } = generateShop({ seed: 42, customers: 100, orders: 1000 });
 * ```
 */
export function generateShop(options: GenerateShopOptions): GeneratedShop {
  const random = createRandom(options.seed);
  const platform = options.platform ?? 'shopify';
  const until = options.until ?? new Date('2026-03-01T00:00:00.000Z');
  const customerCount = options.customers ?? 50;
  const orderCount = options.orders ?? 200;
  const guestShare = options.guestShare ?? 0.08;
  const personas = Array.from({ length: customerCount }, (_, index) => makePersona(random, index, platform, until));

  // Each order goes to a weighted person; each person's orders are then spread back from `until`
  // at their own rhythm, so repeat buyers come back at believable intervals.
  const owners: Array<Persona | null> = Array.from({ length: orderCount }, () =>
    personas.length === 0 || random.chance(guestShare)
      ? null
      : random.weighted(personas.map((persona) => [persona, persona.weight] as const)),
  );
  const lastOrderAt = new Map<Persona, number>();
  const placed = owners.map((persona) => {
    if (persona === null) return { persona, at: until.getTime() - random.integer(1, 720) * day };
    const previous = lastOrderAt.get(persona) ?? until.getTime() - random.integer(0, 20) * day;
    const gap = Math.max(1, Math.round(-Math.log(1 - random.next() * 0.95) * persona.rhythmDays)) * day;
    const at = previous - gap + random.integer(8, 21) * 3_600_000;
    lastOrderAt.set(persona, previous - gap);
    return { persona, at };
  });
  placed.sort((a, b) => a.at - b.at);
  const orders = placed.map(({ persona, at }, index) =>
    buildOrder(random, index, persona, persona?.market ?? random.pick(markets), new Date(at), until, platform),
  );
  return { customers: personas.map((persona) => persona.customer), orders };
}
