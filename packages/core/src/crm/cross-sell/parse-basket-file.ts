import { AftersaleError } from '../../errors/aftersale-error.js';
import type { Basket } from './co-purchase-model.js';

const columnNames = {
  customer: ['customer_id', 'customer', 'customerid', 'member_number', 'user_id', 'userid', 'household_key'],
  basket: [
    'basket_id',
    'basket',
    'order_id',
    'orderid',
    'order',
    'invoice',
    'invoiceno',
    'transaction_id',
    'basket_key',
  ],
  item: ['item', 'item_id', 'sku', 'product_id', 'productid', 'product', 'itemdescription', 'stockcode'],
  time: ['at', 'date', 'timestamp', 'time', 'invoicedate', 'order_date', 'purchased_at'],
} as const;

function splitCsvLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index] as string;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === separator) {
      fields.push(field.trim());
      field = '';
    } else field += character;
  }
  fields.push(field.trim());
  return fields;
}

/** Reads `2026-01-05`, `2026-01-05T10:00:00Z`, or day-first `05-01-2026`, `05.01.2026`, `05/01/2026`. */
function parseTime(value: string): number | null {
  const dayFirst = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (dayFirst) {
    const [, day, month, year, hour, minute, second] = dayFirst;
    return Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0),
    );
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * Reads a basket file for {@link evaluateCrossSell}: CSV (comma, semicolon or tab) with a header
 * naming a customer column (`customer_id`, `member_number`...), an item column (`item`, `sku`,
 * `itemDescription`...), and optionally a basket column (`basket_id`, `order_id`, `InvoiceNo`...) and
 * a time column (`date`, `timestamp`...). Without a basket column a basket is a customer's items of
 * one time value (one day in grocery files); without a time column, file order is time order.
 *
 * @throws AftersaleError `invalid_input` naming the missing column or the line that cannot be read.
 */
export function parseBasketFile(text: string): Basket[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const header = lines[0];
  if (header === undefined) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: 'The basket file is empty; give a CSV with a header line.',
    });
  }
  const separator = [',', ';', '\t'].reduce((best, candidate) =>
    header.split(candidate).length > header.split(best).length ? candidate : best,
  );
  const names = splitCsvLine(header, separator).map((name) => name.toLowerCase().replace(/[\s-]/g, '_'));
  const find = (candidates: readonly string[]): number => names.findIndex((name) => candidates.includes(name));
  const customerColumn = find(columnNames.customer);
  const itemColumn = find(columnNames.item);
  const basketColumn = find(columnNames.basket);
  const timeColumn = find(columnNames.time);
  if (customerColumn < 0 || itemColumn < 0) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `The basket file needs a customer column (one of ${columnNames.customer.join(', ')}) and an item column (one of ${columnNames.item.join(', ')}); its header has ${names.join(', ')}.`,
    });
  }
  const baskets = new Map<string, { customerId: string; basketId: string; at: number; items: string[] }>();
  for (let index = 1; index < lines.length; index++) {
    const fields = splitCsvLine(lines[index] as string, separator);
    const customerId = fields[customerColumn] ?? '';
    const item = fields[itemColumn] ?? '';
    if (customerId === '' || item === '') {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Line ${index + 1} of the basket file has no customer or no item; fill it or remove the line.`,
      });
    }
    const rawTime = timeColumn >= 0 ? (fields[timeColumn] ?? '') : '';
    const at = timeColumn >= 0 ? parseTime(rawTime) : index;
    if (at === null) {
      throw new AftersaleError({
        code: 'invalid_input',
        message: `Line ${index + 1} of the basket file has a time that cannot be read; use YYYY-MM-DD, an ISO timestamp or DD-MM-YYYY.`,
      });
    }
    const basketId = basketColumn >= 0 ? (fields[basketColumn] ?? '') : `${customerId}@${rawTime || index}`;
    const key = `${customerId}\u0000${basketId}`;
    const basket = baskets.get(key);
    if (basket) {
      basket.items.push(item);
      basket.at = Math.min(basket.at, at);
    } else baskets.set(key, { customerId, basketId, at, items: [item] });
  }
  return [...baskets.values()];
}
