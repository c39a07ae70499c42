// Reads the CDNOW sample (Fader, Hardie & Lee) from the shared material. A missing directory is a
// failure, never a skip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PurchaseTransaction } from '../src/crm/lifetime-value/purchase-transaction.js';
import { parseMoney } from '../src/money/parse-money.js';

function cdnowDirectory(): string {
  const shared = process.env.AFTERSALE_SHARED_DIR;
  if (shared === undefined || shared === '') {
    throw new Error('AFTERSALE_SHARED_DIR is not set: the CDNOW data in <shared>/data/cdnow is required');
  }
  return join(shared, 'data', 'cdnow');
}

/** CDNOW_sample.txt as purchase transactions; the customer id is the file's sample_id ("0001" → "1"). */
export function readCdnowTransactions(): PurchaseTransaction[] {
  const text = readFileSync(join(cdnowDirectory(), 'CDNOW_sample.txt'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId, day, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
      return {
        customerId: String(Number(sampleId)),
        purchasedAt: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
        amount: parseMoney(dollars, 'USD'),
      };
    });
}

/** One row of cdnow_customers_summary_with_transactions.csv, values kept as the file's text. */
export interface CdnowSummaryRow {
  id: string;
  x: string;
  tx: string;
  T: string;
  zbar: string;
}

export function readCdnowSummary(): CdnowSummaryRow[] {
  const text = readFileSync(join(cdnowDirectory(), 'cdnow_customers_summary_with_transactions.csv'), 'utf8');
  const [header, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  if (header?.trim() !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected CDNOW summary header: ${header}`);
  return lines.map((line) => {
    const [id, x, tx, T, zbar] = line.trim().split(',') as [string, string, string, string, string];
    return { id, x, tx, T, zbar };
  });
}

/** The calibration end and period the published summary used (README: 1997-09-30, weeks). */
export const cdnowSummaryOptions = { calibrationEnd: '1997-09-30', period: 'week' } as const;
