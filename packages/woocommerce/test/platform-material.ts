import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared platform material; tests that read it fail (never skip) when it is missing. */
export function sharedDir(): string {
  const dir = process.env.AFTERSALE_SHARED_DIR;
  if (dir === undefined || dir === '')
    throw new Error('AFTERSALE_SHARED_DIR is not set: the platform material is required');
  return dir;
}

export const liveDir = (): string => join(sharedDir(), 'platform/woocommerce/live-11.0.1');
export const restV3Dir = (): string => join(sharedDir(), 'platform/woocommerce/rest-v3');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every `*.json` file of a directory with its parsed content. */
export function jsonFiles(dir: string): { name: string; data: unknown }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, data: readJson(join(dir, name)) }));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Records of a file: the object itself, or each element of a list. */
export function records(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.filter(isRecord);
  if (isRecord(data)) {
    if (Array.isArray(data.create)) return ['create', 'update'].flatMap((key) => records(data[key]));
    return [data];
  }
  return [];
}

export const isOrder = (r: Record<string, unknown>): boolean => 'line_items' in r && 'status' in r && 'currency' in r;
export const isRefund = (r: Record<string, unknown>): boolean => 'amount' in r && 'refunded_by' in r;
export const isCustomer = (r: Record<string, unknown>): boolean =>
  'username' in r && 'billing' in r && !('line_items' in r);
export const isProduct = (r: Record<string, unknown>): boolean =>
  'stock_status' in r || ('regular_price' in r && 'sku' in r);
