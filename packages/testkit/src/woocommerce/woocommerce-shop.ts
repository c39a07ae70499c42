import { getCurrency, money, toDecimalString } from '@aftersale/core';

/** A JSON object as the WooCommerce REST API sends it. */
export type WooJson = Record<string, unknown>;

/** A tax rate of the emulated shop. */
export interface EmulatedTaxRate {
  id: number;
  /** Percent, such as 20 for 20 %. */
  rate: number;
  name: string;
  /** Tax class slug; `''` is the standard class. */
  taxClass: string;
  /** Also charged on shipping. */
  shipping: boolean;
}

/** A product to create in the emulated shop. */
export interface EmulatedProductInput {
  id?: number;
  name: string;
  sku?: string;
  /** Unit price as a decimal string, entered as the shop enters prices (net unless prices include tax). */
  price: string;
  taxClass?: string;
  stockQuantity?: number | null;
  categories?: { id?: number; name: string; slug: string }[];
  tags?: { id?: number; name: string; slug: string }[];
  /** Product brands (WooCommerce 9.6+); the first is the adapter's vendor. */
  brands?: { id?: number; name: string; slug: string }[];
  /** Creates a variation of this variable product (id) instead of a simple product. */
  parentId?: number;
  attributes?: { name: string; option: string }[];
  virtual?: boolean;
}

/** A customer to create in the emulated shop. */
export interface EmulatedCustomerInput {
  id?: number;
  email: string;
  firstName: string;
  lastName: string;
  username?: string;
  billing?: Partial<EmulatedAddress>;
  shipping?: Partial<EmulatedAddress>;
  createdAt?: Date;
}

export interface EmulatedAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email: string;
  phone: string;
}

/** An order to create, as `POST /orders` would: WooCommerce computes every amount from it. */
export interface EmulatedOrderInput {
  id?: number;
  /** 0 (or left out) for a guest order. */
  customerId?: number;
  /** The order's currency (REST `currency`); amounts use its decimals. @default the shop's currency */
  currency?: string;
  status?: string;
  billing?: Partial<EmulatedAddress>;
  shipping?: Partial<EmulatedAddress>;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  /** Products or variations (by the variation's id) and quantities, priced from the product. */
  lineItems: { productId: number; quantity: number; price?: string; name?: string }[];
  /** Flat-rate shipping, net, as a decimal string. */
  shippingTotal?: string | null;
  /** Fee lines, net; a negative one is a discount (see {@link EmulatedFeeInput}). */
  fees?: EmulatedFeeInput[];
  /** The parent order (REST `parent_id`). @default 0 */
  parentId?: number;
  /** Order meta (REST `meta_data`). */
  metaData?: { key: string; value: unknown }[];
  /** A percent coupon applied to every line. */
  coupon?: { code: string; percent: number } | null;
  pricesIncludeTax?: boolean;
  customerNote?: string;
  createdAt?: Date;
  /** Paid at creation (`set_paid`). @default true */
  setPaid?: boolean;
}

/**
 * A fee line as `fee_lines[]` of `POST`/`PUT /orders` takes it: `total` is net. A taxable positive fee
 * is taxed at the standard rate; a taxable negative fee (a discount) is taxed by the order items' tax
 * classes in proportion to their net amounts, as `WC_Order_Item_Fee::calculate_taxes` does, and never
 * takes the order below zero.
 */
export interface EmulatedFeeInput {
  name: string;
  total: string;
  /** `tax_status` `taxable` (true) or `none`. @default true */
  taxable?: boolean;
  metaData?: { key: string; value: unknown }[];
}

/** A coupon as `POST /coupons` takes it. */
export interface EmulatedCouponInput {
  code: string;
  discount_type?: 'percent' | 'fixed_cart' | 'fixed_product';
  amount?: string | number;
  description?: string;
  individual_use?: boolean;
  usage_limit?: number | null;
  usage_limit_per_user?: number | null;
  email_restrictions?: string[];
  /** Site-local expiry (no offset). */
  date_expires?: string | null;
  /** UTC expiry (no offset, or ISO 8601 with one). */
  date_expires_gmt?: string | null;
  free_shipping?: boolean;
  meta_data?: { key: string; value: unknown }[];
}

/** A refund request as `POST /orders/{id}/refunds` takes it. */
export interface EmulatedRefundRequest {
  amount?: string | number;
  reason?: string;
  api_refund?: boolean;
  api_restock?: boolean;
  line_items?: {
    id: number | string;
    quantity?: number;
    refund_total?: number | string;
    refund_tax?: { id: number | string; refund_total?: number | string }[];
  }[];
  meta_data?: { key: string; value: unknown }[];
}

/** A WooCommerce-style REST error: `code`, `message`, and its HTTP status. */
export class WooRestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** WooCommerce sends `{ status }` for most errors but the bare status for refund failures. */
    readonly bareData = false,
  ) {
    super(message);
  }
  toJSON(): WooJson {
    return { code: this.code, message: this.message, data: this.bareData ? this.status : { status: this.status } };
  }
}

const blankAddress = (): EmulatedAddress => ({
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  email: '',
  phone: '',
});

/** Minor units (cents for two decimals) from a decimal string, rounded half up past `exponent` decimals. */
function minorUnits(value: string | number, exponent: number): number {
  const text = typeof value === 'number' ? value.toFixed(6) : value.trim();
  const match = /^(-?)(\d*)(?:\.(\d{0,6}))?$/.exec(text);
  if (match === null) throw new WooRestError(400, 'rest_invalid_param', `Invalid amount ${text}.`);
  const fraction = (match[3] ?? '').padEnd(6, '0');
  const micro = Number(match[2] || '0') * 1_000_000 + Number(fraction);
  const rounded = Math.round(micro / 10 ** (6 - exponent));
  return match[1] === '-' ? -rounded : rounded;
}

/** Rounds half away from zero, as PHP's round() does. */
const roundHalfUp = (numerator: number, denominator: number): number => {
  const quotient = Math.abs(numerator) / denominator;
  const floor = Math.floor(quotient);
  const rest = Math.abs(numerator) - floor * denominator;
  const result = rest * 2 >= denominator ? floor + 1 : floor;
  return numerator < 0 ? -result : result;
};

/** Rounds half toward zero (PHP_ROUND_HALF_DOWN). */
const roundHalfDown = (numerator: number, denominator: number): number => {
  const quotient = Math.abs(numerator) / denominator;
  const floor = Math.floor(quotient);
  const rest = Math.abs(numerator) - floor * denominator;
  const result = rest * 2 > denominator ? floor + 1 : floor;
  return numerator < 0 ? -result : result;
};

type Rounding = (numerator: number, denominator: number) => number;

/** Rounds `numerator / denominator` (big integers, positive denominator) half up, or half down. */
function roundBig(numerator: bigint, denominator: bigint, halfDown: boolean): number {
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  const floor = absolute / denominator;
  const rest = absolute - floor * denominator;
  const up = halfDown ? rest * 2n > denominator : rest * 2n >= denominator;
  const result = Number(up ? floor + 1n : floor);
  return negative ? -result : result;
}

/** Tax on a net amount in minor units at `rate` percent (up to four decimals). */
const taxOnNet = (net: number, rate: number, round: Rounding = roundHalfUp): number =>
  round(net * Math.round(rate * 10_000), 1_000_000);
/** Tax inside a gross amount in minor units at `rate` percent. */
const taxInGross = (gross: number, rate: number, round: Rounding = roundHalfUp): number =>
  round(gross * Math.round(rate * 10_000), 1_000_000 + Math.round(rate * 10_000));

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** Settings of {@link createWooCommerceShop}. */
export interface WooCommerceShopSettings {
  currency?: string;
  currencySymbol?: string;
  taxRates?: EmulatedTaxRate[];
  /** Payment gateways that can refund automatically (`api_refund: true`). @default ['emulated_card'] */
  refundableGateways?: string[];
  now: () => number;
}

/**
 * The emulated shop's state and WooCommerce's arithmetic: orders computed as WooCommerce computes them
 * (line taxes rounded per line, coupons per line), refunds with the remaining refundable amount, and
 * one id sequence shared by products, orders and refunds as in WooCommerce.
 */
export function createWooCommerceShop(settings: WooCommerceShopSettings) {
  const currency = settings.currency ?? 'TRY';
  const currencySymbol = settings.currencySymbol ?? '₺';
  const taxRates: EmulatedTaxRate[] = settings.taxRates ?? [
    { id: 1, rate: 20, name: 'KDV', taxClass: '', shipping: true },
    { id: 2, rate: 10, name: 'KDV', taxClass: 'reduced-rate', shipping: false },
  ];
  const refundableGateways = new Set(settings.refundableGateways ?? ['emulated_card']);
  let nextId = 10;
  let nextItemId = 1;
  let nextMetaId = 1;
  let nextCustomerId = 2;
  let nextNoteId = 1;
  /**
   * Reading and writing amounts in a currency: WooCommerce's decimals follow the currency (a store
   * selling in yen shows no decimals; multi-currency plugins set them per order currency).
   */
  const amountsIn = (code: string) => {
    const exponent = getCurrency(code).exponent;
    return {
      exponent,
      units: (value: string | number): number => minorUnits(value, exponent),
      dec: (amount: number): string => toDecimalString(money(amount, code)),
    };
  };
  const products = new Map<number, WooJson>();
  const customers = new Map<number, WooJson>();
  const orders = new Map<number, WooJson>();
  const refunds = new Map<number, WooJson>();
  const coupons = new Map<number, WooJson>();
  const notes = new Map<number, WooJson[]>();
  /** Units put back in stock by refunds, by product id. */
  const restocked = new Map<number, number>();
  const takeId = (wanted?: number): number => {
    const id = wanted ?? nextId;
    nextId = Math.max(nextId, id + 1);
    return id;
  };
  /** Store settings that the REST API can change (`PUT /settings/tax/woocommerce_prices_include_tax`). */
  const storeSettings = { pricesIncludeTax: false };
  const rateFor = (taxClass: string) => taxRates.find((rate) => rate.taxClass === taxClass);
  /**
   * Shipping is taxed by the tax class of the cart's items, as WooCommerce's default "based on cart
   * items": the standard class when an item has it, else the first item's class; only a rate that
   * applies to shipping taxes it.
   */
  const shippingRate = (itemClasses: readonly string[]) => {
    const taxClass = itemClasses.includes('') ? '' : itemClasses[0];
    const rate = taxClass === undefined ? undefined : rateFor(taxClass);
    return rate?.shipping === true ? rate : undefined;
  };

  function addNote(orderId: number, text: string): WooJson {
    const note = {
      id: nextNoteId++,
      author: 'WooCommerce',
      date_created: stamp(settings.now()),
      date_created_gmt: stamp(settings.now()),
      note: text,
      customer_note: false,
    };
    notes.set(orderId, [note, ...(notes.get(orderId) ?? [])]);
    return note;
  }

  function taxLine(rateId: number, cart: number, shipping: number, dec: (amount: number) => string): WooJson {
    const rate = taxRates.find((candidate) => candidate.id === rateId) as EmulatedTaxRate;
    return {
      id: nextItemId++,
      rate_code: `TR-${rate.name}-1`,
      rate_id: rateId,
      label: rate.name,
      compound: false,
      tax_total: dec(cart),
      shipping_tax_total: dec(shipping),
      rate_percent: rate.rate,
      meta_data: [],
    };
  }

  /**
   * Fee lines as WooCommerce computes them, for an order whose items cost `classCosts` (net, by tax
   * class) and whose net amounts so far (items, shipping, earlier fees) add up to `netSoFar`.
   */
  function computeFees(
    fees: readonly EmulatedFeeInput[],
    context: { currency: string; included: boolean; classCosts: ReadonlyMap<string, number>; netSoFar: number },
  ): { lines: WooJson[]; net: number; taxes: Map<number, number> } {
    const { units, dec } = amountsIn(context.currency);
    const halfDown = context.included;
    const roundTax = halfDown ? roundHalfDown : roundHalfUp;
    const totalCost = [...context.classCosts.values()].reduce((total, cost) => total + cost, 0);
    const taxes = new Map<number, number>();
    let running = context.netSoFar;
    let net = 0;
    const lines = fees.map((fee) => {
      let feeNet = units(fee.total);
      const taxable = fee.taxable !== false;
      // WC_Abstract_Order::calculate_totals: a negative fee never takes the order below zero.
      if (feeNet < 0 && running > 0 && feeNet < -running) feeNet = -running;
      const lineTaxes: { id: number; total: number }[] = [];
      if (taxable && feeNet > 0) {
        const rate = rateFor('');
        if (rate !== undefined) lineTaxes.push({ id: rate.id, total: taxOnNet(feeNet, rate.rate, roundTax) });
      } else if (taxable && feeNet < 0 && totalCost > 0) {
        // WC_Order_Item_Fee::calculate_taxes: a discount is taxed by the items' tax classes, in
        // proportion to their costs.
        for (const [taxClass, cost] of context.classCosts) {
          const rate = rateFor(taxClass);
          if (rate === undefined || cost === 0) continue;
          const tax = roundBig(
            BigInt(feeNet) * BigInt(cost) * BigInt(Math.round(rate.rate * 10_000)),
            BigInt(totalCost) * 1_000_000n,
            halfDown,
          );
          const entry = lineTaxes.find((candidate) => candidate.id === rate.id);
          if (entry === undefined) lineTaxes.push({ id: rate.id, total: tax });
          else entry.total += tax;
        }
      }
      const tax = lineTaxes.reduce((total, entry) => total + entry.total, 0);
      for (const entry of lineTaxes) taxes.set(entry.id, (taxes.get(entry.id) ?? 0) + entry.total);
      running += feeNet;
      net += feeNet;
      return {
        id: nextItemId++,
        name: fee.name,
        tax_class: '',
        tax_status: taxable ? 'taxable' : 'none',
        amount: '',
        total: dec(feeNet),
        total_tax: dec(tax),
        taxes: lineTaxes.map((entry) => ({ id: entry.id, total: dec(entry.total), subtotal: '' })),
        meta_data: (fee.metaData ?? []).map((entry) => ({
          id: nextMetaId++,
          key: entry.key,
          value: entry.value,
          display_key: entry.key,
          display_value: entry.value,
        })),
      };
    });
    return { lines, net, taxes };
  }

  function createProduct(input: EmulatedProductInput): WooJson {
    const id = takeId(input.id);
    const now = stamp(settings.now());
    const isVariation = input.parentId !== undefined;
    const base: WooJson = {
      id,
      name: input.name,
      slug: input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      date_created: now,
      date_created_gmt: now,
      date_modified: now,
      date_modified_gmt: now,
      type: isVariation ? 'variation' : 'simple',
      status: 'publish',
      featured: false,
      catalog_visibility: 'visible',
      description: '',
      short_description: '',
      sku: input.sku ?? '',
      price: input.price,
      regular_price: input.price,
      sale_price: '',
      date_on_sale_from: null,
      date_on_sale_from_gmt: null,
      date_on_sale_to: null,
      date_on_sale_to_gmt: null,
      on_sale: false,
      purchasable: true,
      total_sales: 0,
      virtual: input.virtual ?? false,
      downloadable: false,
      downloads: [],
      download_limit: -1,
      download_expiry: -1,
      external_url: '',
      button_text: '',
      tax_status: 'taxable',
      tax_class: input.taxClass ?? '',
      manage_stock: input.stockQuantity !== null,
      stock_quantity: input.stockQuantity === undefined ? 100 : input.stockQuantity,
      backorders: 'no',
      backorders_allowed: false,
      backordered: false,
      low_stock_amount: null,
      sold_individually: false,
      weight: '',
      dimensions: { length: '', width: '', height: '' },
      shipping_required: !(input.virtual ?? false),
      shipping_taxable: true,
      shipping_class: '',
      shipping_class_id: 0,
      reviews_allowed: true,
      average_rating: '0.00',
      rating_count: 0,
      upsell_ids: [],
      cross_sell_ids: [],
      parent_id: input.parentId ?? 0,
      purchase_note: '',
      categories: (input.categories ?? [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }]).map(
        (term, index) => ({
          id: term.id ?? 100 + index,
          name: term.name,
          slug: term.slug,
        }),
      ),
      brands: (input.brands ?? []).map((term, index) => ({
        id: term.id ?? 300 + index,
        name: term.name,
        slug: term.slug,
      })),
      tags: (input.tags ?? []).map((term, index) => ({ id: term.id ?? 200 + index, name: term.name, slug: term.slug })),
      images: [],
      attributes: (input.attributes ?? []).map((attribute) => ({
        id: 0,
        name: attribute.name,
        slug: attribute.name.toLowerCase(),
        option: attribute.option,
      })),
      default_attributes: [],
      variations: [],
      grouped_products: [],
      menu_order: 0,
      price_html: `<span class="woocommerce-Price-amount amount"><bdi>${input.price}</bdi></span>`,
      related_ids: [],
      meta_data: [],
      stock_status: 'instock',
      has_options: false,
      post_password: '',
      global_unique_id: '',
    };
    products.set(id, base);
    if (isVariation) {
      const parent = products.get(input.parentId as number);
      if (parent !== undefined) (parent.variations as number[]).push(id);
    }
    return base;
  }

  function createCustomer(input: EmulatedCustomerInput): WooJson {
    const id = input.id ?? nextCustomerId;
    nextCustomerId = Math.max(nextCustomerId, id + 1);
    const when = stamp(input.createdAt?.getTime() ?? settings.now());
    const billing = {
      ...blankAddress(),
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email,
      ...input.billing,
    };
    const { email: _email, ...shippingBase } = {
      ...blankAddress(),
      first_name: input.firstName,
      last_name: input.lastName,
      ...input.shipping,
    };
    const customer: WooJson = {
      id,
      date_created: when,
      date_created_gmt: when,
      date_modified: when,
      date_modified_gmt: when,
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      role: 'customer',
      username: input.username ?? input.email.split('@')[0],
      billing,
      shipping: shippingBase,
      is_paying_customer: false,
      avatar_url: 'https://secure.gravatar.com/avatar/0?s=96&d=mm&r=g',
      meta_data: [],
    };
    customers.set(id, customer);
    return customer;
  }

  function createOrder(input: EmulatedOrderInput): WooJson {
    const included = input.pricesIncludeTax ?? storeSettings.pricesIncludeTax;
    const orderCurrency = input.currency ?? currency;
    const { exponent, units, dec } = amountsIn(orderCurrency);
    // WC_TAX_ROUNDING_MODE: half down when prices include tax, half up otherwise.
    const roundTax = included ? roundHalfDown : roundHalfUp;
    const created = input.createdAt?.getTime() ?? settings.now();
    const id = takeId(input.id);
    const perRate = new Map<number, { cart: number; shipping: number }>();
    const bump = (rateId: number, key: 'cart' | 'shipping', amount: number) => {
      const entry = perRate.get(rateId) ?? { cart: 0, shipping: 0 };
      entry[key] += amount;
      perRate.set(rateId, entry);
    };
    let discountTotal = 0;
    // WooCommerce sums the coupon's tax unrounded and rounds once: 4.0 + 0.725 gives 4.73.
    let discountTaxMicro = 0;
    let cartTax = 0;
    let itemsNet = 0;
    /** Items' net totals by tax class: what a negative fee's tax is split by. */
    const classCosts = new Map<string, number>();
    const lineItems = input.lineItems.map((line) => {
      const product = products.get(line.productId);
      if (product === undefined)
        throw new WooRestError(400, 'woocommerce_rest_invalid_product_id', 'Invalid product ID.');
      const unit = units(line.price ?? (product.price as string));
      const rate = rateFor((product.tax_class as string) ?? '');
      const gross = unit * line.quantity;
      const percent = input.coupon?.percent ?? 0;
      let subtotal: number;
      let subtotalTax: number;
      let total: number;
      let totalTax: number;
      // WooCommerce keeps the line total unrounded (6 decimals) when prices include tax, and `price`
      // is that total over the quantity: 100.00 at 20 % gives 83.333333, not 83.33.
      let unroundedTotal: number | null = null;
      if (included && rate !== undefined) {
        subtotalTax = taxInGross(gross, rate.rate, roundTax);
        subtotal = gross - subtotalTax;
        const totalGross = gross - roundHalfUp(gross * percent, 100);
        totalTax = taxInGross(totalGross, rate.rate, roundTax);
        total = totalGross - totalTax;
        unroundedTotal = (totalGross * 100) / (100 + rate.rate);
      } else {
        subtotal = gross;
        total = gross - roundHalfUp(gross * percent, 100);
        subtotalTax = rate === undefined ? 0 : taxOnNet(subtotal, rate.rate, roundTax);
        totalTax = rate === undefined ? 0 : taxOnNet(total, rate.rate, roundTax);
      }
      discountTotal += subtotal - total;
      discountTaxMicro +=
        rate === undefined
          ? 0
          : included
            ? (subtotalTax - totalTax) * 1_000_000
            : (subtotal - total) * Math.round(rate.rate * 10_000);
      cartTax += totalTax;
      itemsNet += total;
      const taxClass = (product.tax_class as string) ?? '';
      classCosts.set(taxClass, (classCosts.get(taxClass) ?? 0) + total);
      if (rate !== undefined) bump(rate.id, 'cart', totalTax);
      const variationId = (product.type as string) === 'variation' ? (product.id as number) : 0;
      const productId = variationId === 0 ? (product.id as number) : (product.parent_id as number);
      const attributes = (product.attributes as { name: string; slug: string; option: string }[]).map((attribute) => ({
        id: nextMetaId++,
        key: attribute.slug,
        value: attribute.option,
        display_key: attribute.name,
        display_value: attribute.option,
      }));
      return {
        id: nextItemId++,
        name: line.name ?? (product.name as string),
        product_id: productId,
        variation_id: variationId,
        quantity: line.quantity,
        tax_class: (product.tax_class as string) ?? '',
        subtotal: dec(subtotal),
        subtotal_tax: dec(subtotalTax),
        total: dec(total),
        total_tax: dec(totalTax),
        taxes: rate === undefined ? [] : [{ id: rate.id, total: dec(totalTax), subtotal: dec(subtotalTax) }],
        meta_data: [
          {
            id: nextMetaId++,
            key: '_reduced_stock',
            value: String(line.quantity),
            display_key: '_reduced_stock',
            display_value: String(line.quantity),
          },
          ...attributes,
        ],
        sku: (product.sku as string) ?? '',
        global_unique_id: '',
        price:
          line.quantity === 0 ? 0 : Number(((unroundedTotal ?? total) / line.quantity / 10 ** exponent).toFixed(6)),
        image: { id: variationId === 0 ? '' : 0, src: '' },
        parent_name: variationId === 0 ? null : ((products.get(productId)?.name as string | undefined) ?? null),
      };
    });
    let shippingTotal = 0;
    let shippingTax = 0;
    const shippingLines: WooJson[] = [];
    if (input.shippingTotal !== undefined && input.shippingTotal !== null) {
      shippingTotal = units(input.shippingTotal);
      const rate = shippingRate(
        input.lineItems.map((line) => (products.get(line.productId)?.tax_class as string) ?? ''),
      );
      shippingTax = rate === undefined ? 0 : taxOnNet(shippingTotal, rate.rate, roundTax);
      if (rate !== undefined) bump(rate.id, 'shipping', shippingTax);
      shippingLines.push({
        id: nextItemId++,
        method_title: 'Sabit Ücretli Kargo',
        method_id: 'flat_rate',
        instance_id: '1',
        total: dec(shippingTotal),
        total_tax: dec(shippingTax),
        taxes: rate === undefined ? [] : [{ id: rate.id, total: dec(shippingTax), subtotal: '' }],
        tax_status: 'taxable',
        meta_data: [],
      });
    }
    const fees = computeFees(input.fees ?? [], {
      currency: orderCurrency,
      included,
      classCosts,
      netSoFar: itemsNet + shippingTotal,
    });
    const feesNet = fees.net;
    const feeLines = fees.lines;
    for (const [rateId, tax] of fees.taxes) {
      bump(rateId, 'cart', tax);
      cartTax += tax;
    }
    const taxLines = [...perRate.entries()].map(([rateId, amounts]) =>
      taxLine(rateId, amounts.cart, amounts.shipping, dec),
    );
    const discountTax = roundHalfUp(discountTaxMicro, 1_000_000);
    const couponLines =
      input.coupon === undefined || input.coupon === null
        ? []
        : [
            {
              id: nextItemId++,
              code: input.coupon.code,
              discount: dec(discountTotal),
              discount_tax: dec(discountTax),
              meta_data: [
                {
                  id: nextMetaId++,
                  key: 'coupon_info',
                  value: JSON.stringify([0, input.coupon.code, 'percent', input.coupon.percent]),
                  display_key: 'coupon_info',
                  display_value: JSON.stringify([0, input.coupon.code, 'percent', input.coupon.percent]),
                },
              ],
              discount_type: 'percent',
              nominal_amount: input.coupon.percent,
              free_shipping: false,
            },
          ];
    const totalTax = cartTax + shippingTax;
    const customer = input.customerId ? customers.get(input.customerId) : undefined;
    const billing = {
      ...blankAddress(),
      ...((customer?.billing as Partial<EmulatedAddress> | undefined) ?? {}),
      ...input.billing,
    };
    const { email: _email, ...shipping } = {
      ...blankAddress(),
      ...((customer?.shipping as object | undefined) ?? {}),
      ...input.shipping,
    };
    const paid = input.setPaid ?? true;
    const status = input.status ?? (paid ? 'processing' : 'pending');
    const when = stamp(created);
    const orderKey = `wc_order_${id.toString(36).padStart(13, 'x')}`;
    const order: WooJson = {
      id,
      parent_id: input.parentId ?? 0,
      status,
      currency: orderCurrency,
      version: '11.0.1',
      prices_include_tax: included,
      date_created: when,
      date_modified: when,
      discount_total: dec(discountTotal),
      discount_tax: dec(discountTax),
      shipping_total: dec(shippingTotal),
      shipping_tax: dec(shippingTax),
      cart_tax: dec(cartTax),
      total: dec(itemsNet + feesNet + shippingTotal + totalTax),
      total_tax: dec(totalTax),
      customer_id: input.customerId ?? 0,
      order_key: orderKey,
      billing,
      shipping,
      payment_method: input.paymentMethod ?? 'bacs',
      payment_method_title: input.paymentMethodTitle ?? 'Banka Havalesi/EFT',
      transaction_id: '',
      customer_ip_address: '',
      customer_user_agent: '',
      created_via: 'rest-api',
      customer_note: input.customerNote ?? '',
      date_completed: status === 'completed' ? when : null,
      date_paid: paid ? when : null,
      cart_hash: '',
      number: String(id),
      meta_data: (input.metaData ?? []).map((entry) => ({ id: nextMetaId++, key: entry.key, value: entry.value })),
      line_items: lineItems,
      tax_lines: taxLines,
      shipping_lines: shippingLines,
      fee_lines: feeLines,
      coupon_lines: couponLines,
      refunds: [],
      payment_url: '',
      is_editable: !paid,
      needs_payment: !paid,
      needs_processing: true,
      date_created_gmt: when,
      date_modified_gmt: when,
      date_completed_gmt: status === 'completed' ? when : null,
      date_paid_gmt: paid ? when : null,
      currency_symbol: currencySymbol,
    };
    orders.set(id, order);
    if (customer !== undefined && paid) customer.is_paying_customer = true;
    return order;
  }

  /** What can still be refunded on an order, in the minor units of its currency. */
  function remainingRefundable(orderId: number): number {
    const order = orders.get(orderId);
    if (order === undefined) throw new WooRestError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    const { units } = amountsIn(order.currency as string);
    const refunded = (order.refunds as { total: string }[]).reduce((total, refund) => total - units(refund.total), 0);
    return units(order.total as string) - refunded;
  }

  function touch(order: WooJson): void {
    order.date_modified = stamp(settings.now());
    order.date_modified_gmt = order.date_modified;
  }

  function setStatus(order: WooJson, status: string): void {
    const from = order.status as string;
    if (from === status) return;
    const title = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
    order.status = status;
    if (status === 'completed') {
      order.date_completed = stamp(settings.now());
      order.date_completed_gmt = order.date_completed;
    }
    addNote(order.id as number, `Order status changed from ${title(from)} to ${title(status)}.`);
    touch(order);
  }

  /**
   * `POST /orders/{id}/refunds`. As in WooCommerce (`wc_create_refund`), the amount is checked before
   * the refund is saved, so an amount above the remaining one uses no id; a payment gateway that then
   * cannot refund leaves its id used up (the live capture's refund 22).
   */
  function createRefund(orderId: number, request: EmulatedRefundRequest): WooJson {
    const order = orders.get(orderId);
    if (order === undefined) throw new WooRestError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    const { exponent, units, dec } = amountsIn(order.currency as string);
    const requestedLines = request.line_items ?? [];
    const lineAmount = requestedLines.reduce(
      (total, line) =>
        total +
        units(line.refund_total ?? 0) +
        (line.refund_tax ?? []).reduce((tax, entry) => tax + units(entry.refund_total ?? 0), 0),
      0,
    );
    const amount = request.amount === undefined || request.amount === '' ? lineAmount : units(request.amount);
    if (amount <= 0) {
      throw new WooRestError(400, 'woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.');
    }
    const remaining = remainingRefundable(orderId);
    if (amount > remaining) {
      throw new WooRestError(500, 'woocommerce_rest_cannot_create_order_refund', 'Invalid refund amount.', true);
    }
    const refundId = takeId();
    const apiRefund = request.api_refund ?? true;
    if (apiRefund && !refundableGateways.has(order.payment_method as string)) {
      throw new WooRestError(
        500,
        'woocommerce_rest_cannot_create_order_refund',
        'The payment gateway for this order does not support automatic refunds.',
        true,
      );
    }
    const orderLines = [
      ...(order.line_items as WooJson[]),
      ...(order.shipping_lines as WooJson[]),
      ...(order.fee_lines as WooJson[]),
    ];
    const refundLines: WooJson[] = [];
    const refundShipping: WooJson[] = [];
    const refundFees: WooJson[] = [];
    const taxByRate = new Map<number, number>();
    for (const requested of requestedLines) {
      const item = orderLines.find((line) => String(line.id) === String(requested.id));
      if (item === undefined) continue;
      const quantity = requested.quantity ?? 0;
      const net = units(requested.refund_total ?? 0);
      const taxes = (requested.refund_tax ?? []).map((entry) => ({
        id: Number(entry.id),
        total: units(entry.refund_total ?? 0),
      }));
      const tax = taxes.reduce((total, entry) => total + entry.total, 0);
      if (quantity === 0 && net === 0 && tax === 0) continue;
      for (const entry of taxes) taxByRate.set(entry.id, (taxByRate.get(entry.id) ?? 0) + entry.total);
      const refundTaxes = taxes.map((entry) => ({
        id: entry.id,
        total: dec(-entry.total),
        subtotal: dec(-entry.total),
      }));
      const meta = [
        {
          id: nextMetaId++,
          key: '_refunded_item_id',
          value: String(item.id),
          display_key: '_refunded_item_id',
          display_value: String(item.id),
        },
      ];
      if ((order.line_items as WooJson[]).includes(item)) {
        refundLines.push({
          id: nextItemId++,
          name: item.name,
          product_id: item.product_id,
          variation_id: item.variation_id,
          quantity: -quantity,
          tax_class: item.tax_class,
          subtotal: dec(-net),
          subtotal_tax: dec(-tax),
          total: dec(-net),
          total_tax: dec(-tax),
          taxes: refundTaxes,
          meta_data: meta,
          sku: item.sku,
          global_unique_id: '',
          price: quantity === 0 ? 0 : Number((net / quantity / 10 ** exponent).toFixed(6)),
          image: item.image,
          parent_name: item.parent_name,
        });
        if ((request.api_restock ?? true) && quantity > 0) {
          const productId = (item.variation_id as number) || (item.product_id as number);
          const product = products.get(productId);
          restocked.set(productId, (restocked.get(productId) ?? 0) + quantity);
          if (product !== undefined && typeof product.stock_quantity === 'number') {
            const before = product.stock_quantity;
            product.stock_quantity = before + quantity;
            addNote(orderId, `Item #${item.id} stock increased from ${before} to ${before + quantity}.`);
          }
          (item.meta_data as WooJson[]).push({
            id: nextMetaId++,
            key: '_restock_refunded_items',
            value: String(quantity),
            display_key: '_restock_refunded_items',
            display_value: String(quantity),
          });
        }
      } else if ((order.shipping_lines as WooJson[]).includes(item)) {
        refundShipping.push({
          ...item,
          id: nextItemId++,
          total: dec(-net),
          total_tax: dec(-tax),
          taxes: refundTaxes,
          meta_data: meta,
        });
      } else {
        refundFees.push({
          ...item,
          id: nextItemId++,
          total: dec(-net),
          total_tax: dec(-tax),
          taxes: refundTaxes,
          meta_data: meta,
        });
      }
    }
    const full = amount === remaining;
    const when = stamp(settings.now());
    const refundTax = [...taxByRate.values()].reduce((total, value) => total + value, 0);
    const refund: WooJson = {
      id: refundId,
      date_created: when,
      date_created_gmt: when,
      amount: dec(amount),
      reason: request.reason ?? '',
      refunded_by: 1,
      refunded_payment: apiRefund,
      meta_data: [
        { id: nextMetaId++, key: '_refund_type', value: full ? 'full' : 'partial' },
        ...(request.meta_data ?? [])
          .filter((entry) => typeof entry.key === 'string' && !entry.key.startsWith('_refund_type'))
          .map((entry) => ({ id: nextMetaId++, key: entry.key, value: entry.value })),
      ],
      line_items: refundLines,
      shipping_lines: refundShipping,
      tax_lines: [...taxByRate.entries()].map(([rateId, total]) => {
        const rate = taxRates.find((candidate) => candidate.id === rateId);
        return {
          id: nextItemId++,
          rate_code: `TR-${rate?.name ?? 'TAX'}-1`,
          rate_id: rateId,
          label: rate?.name ?? 'Tax',
          compound: false,
          tax_total: dec(-total),
          shipping_tax_total: dec(0),
          rate_percent: rate?.rate ?? 0,
          meta_data: [],
        };
      }),
      fee_lines: refundFees,
      parent_id: orderId,
    };
    refunds.set(refundId, refund);
    order.refunds = [
      { id: refundId, reason: refund.reason, total: dec(-amount), total_tax: dec(-refundTax) },
      ...(order.refunds as WooJson[]),
    ];
    touch(order);
    if (full) setStatus(order, 'refunded');
    return refund;
  }

  /** Adds fee lines to an order (`PUT /orders/{id}` with `fee_lines`) and recomputes its totals. */
  function addFees(order: WooJson, fees: readonly EmulatedFeeInput[]): void {
    if (fees.length === 0) return;
    const { units, dec } = amountsIn(order.currency as string);
    const classCosts = new Map<string, number>();
    let itemsNet = 0;
    for (const item of order.line_items as WooJson[]) {
      const net = units(item.total as string);
      const taxClass = (item.tax_class as string | undefined) ?? '';
      itemsNet += net;
      classCosts.set(taxClass, (classCosts.get(taxClass) ?? 0) + net);
    }
    const feesBefore = (order.fee_lines as WooJson[]).reduce((total, fee) => total + units(fee.total as string), 0);
    const computed = computeFees(fees, {
      currency: order.currency as string,
      included: order.prices_include_tax as boolean,
      classCosts,
      netSoFar: itemsNet + feesBefore + units(order.shipping_total as string),
    });
    let tax = 0;
    const taxLines = order.tax_lines as WooJson[];
    for (const [rateId, amount] of computed.taxes) {
      tax += amount;
      const line = taxLines.find((candidate) => candidate.rate_id === rateId);
      if (line === undefined) taxLines.push(taxLine(rateId, amount, 0, dec));
      else line.tax_total = dec(units(line.tax_total as string) + amount);
    }
    order.fee_lines = [...(order.fee_lines as WooJson[]), ...computed.lines];
    order.cart_tax = dec(units(order.cart_tax as string) + tax);
    order.total_tax = dec(units(order.total_tax as string) + tax);
    order.total = dec(units(order.total as string) + computed.net + tax);
  }

  /** `set_paid`: WooCommerce's payment_complete(), the order paid and `processing`. */
  function markPaid(order: WooJson): void {
    if (order.date_paid === null) {
      order.date_paid = stamp(settings.now());
      order.date_paid_gmt = order.date_paid;
    }
    order.needs_payment = false;
    order.is_editable = false;
    if (order.status === 'pending' || order.status === 'on-hold' || order.status === 'failed')
      setStatus(order, 'processing');
    const customer = customers.get(order.customer_id as number);
    if (customer !== undefined) customer.is_paying_customer = true;
  }

  /**
   * `PUT /orders/{id}`: meta entries replace the entry with the same key, fee lines are added (and
   * the totals recomputed), then the status changes, then `set_paid` completes the payment.
   */
  function updateOrder(
    orderId: number,
    patch: {
      status?: string;
      set_paid?: boolean;
      meta_data?: { key: string; value: unknown }[];
      fee_lines?: { name: string; total: string; tax_status?: string; meta_data?: { key: string; value: unknown }[] }[];
    },
  ): WooJson {
    const order = orders.get(orderId);
    if (order === undefined) throw new WooRestError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    for (const entry of patch.meta_data ?? []) {
      const meta = order.meta_data as WooJson[];
      const existing = meta.find((candidate) => candidate.key === entry.key);
      if (existing === undefined) meta.push({ id: nextMetaId++, key: entry.key, value: entry.value });
      else existing.value = entry.value;
    }
    addFees(
      order,
      (patch.fee_lines ?? []).map((fee) => ({
        name: fee.name,
        total: fee.total,
        taxable: fee.tax_status !== 'none',
        ...(fee.meta_data === undefined ? {} : { metaData: fee.meta_data }),
      })),
    );
    if (patch.status !== undefined) setStatus(order, patch.status);
    if (patch.set_paid === true) markPaid(order);
    touch(order);
    return order;
  }

  /**
   * `POST /coupons`. Codes are kept lower-case and are unique, as in WooCommerce (a second coupon with
   * a code in use is refused with `woocommerce_rest_coupon_code_already_exists`); amounts are written
   * with the shop currency's decimals; expiry dates carry no offset.
   */
  function createCoupon(input: EmulatedCouponInput): WooJson {
    const code = input.code.trim().toLowerCase();
    if (code === '')
      throw new WooRestError(400, 'woocommerce_rest_empty_coupon_code', 'The coupon code cannot be empty.');
    for (const coupon of coupons.values()) {
      if (coupon.code === code)
        throw new WooRestError(400, 'woocommerce_rest_coupon_code_already_exists', 'The coupon code already exists');
    }
    const { units, dec } = amountsIn(currency);
    const id = takeId();
    const when = stamp(settings.now());
    const expiresGmt = input.date_expires_gmt ?? input.date_expires ?? null;
    const expires =
      expiresGmt === null || expiresGmt === ''
        ? null
        : stamp(Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/.test(expiresGmt) ? expiresGmt : `${expiresGmt}Z`));
    const coupon: WooJson = {
      id,
      code,
      amount: dec(units(input.amount ?? 0)),
      status: 'publish',
      date_created: when,
      date_created_gmt: when,
      date_modified: when,
      date_modified_gmt: when,
      discount_type: input.discount_type ?? 'fixed_cart',
      description: input.description ?? '',
      date_expires: expires,
      date_expires_gmt: expires,
      usage_count: 0,
      individual_use: input.individual_use ?? false,
      product_ids: [],
      excluded_product_ids: [],
      usage_limit: input.usage_limit ?? null,
      usage_limit_per_user: input.usage_limit_per_user ?? null,
      limit_usage_to_x_items: null,
      free_shipping: input.free_shipping ?? false,
      product_categories: [],
      excluded_product_categories: [],
      exclude_sale_items: false,
      minimum_amount: '0.00',
      maximum_amount: '0.00',
      email_restrictions: input.email_restrictions ?? [],
      used_by: [],
      meta_data: (input.meta_data ?? []).map((entry) => ({ id: nextMetaId++, key: entry.key, value: entry.value })),
    };
    coupons.set(id, coupon);
    return coupon;
  }

  return {
    currency,
    taxRates,
    /** Mutable store settings: orders created without `pricesIncludeTax` follow `pricesIncludeTax` here. */
    settings: storeSettings,
    /** Takes the next id of the sequence products, coupons, orders and refunds share (a coupon's, say). */
    reserveId: (): number => takeId(),
    products,
    customers,
    orders,
    refunds,
    coupons,
    notes,
    restocked,
    createProduct,
    createCustomer,
    createOrder,
    createRefund,
    updateOrder,
    createCoupon,
    addNote,
    remainingRefundable,
    /** Refunds of an order, newest first. */
    orderRefunds(orderId: number): WooJson[] {
      const order = orders.get(orderId);
      if (order === undefined) throw new WooRestError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      return (order.refunds as { id: number }[]).map((summary) => refunds.get(summary.id) as WooJson);
    },
  };
}

/** The emulated shop (see {@link createWooCommerceShop}). */
export type WooCommerceShop = ReturnType<typeof createWooCommerceShop>;
