import type { Order, Refund } from '../model/schemas.js';
import { absolute, add, type Money, money, multiply, subtract, sum, zero } from '../money/money.js';
import type {
  AdapterCapability,
  CancelOrderResult,
  CreateRefundResult,
  ExchangeResult,
  IssueStoreCreditResult,
  PlatformExchange,
  PlatformReturn,
  PlatformUserError,
  ReturnResult,
} from '../spec/commerce-adapter.js';
import type { AftersaleStore } from '../spec/store.js';
import type { ReturnServiceAdapter } from './return-service-types.js';

/** The operations of the fake adapter, for fault injection and assertions. */
export type FakeOperation =
  | 'createRefund'
  | 'returns.request'
  | 'returns.approve'
  | 'returns.decline'
  | 'returns.process'
  | 'returns.close'
  | 'returns.cancel'
  | 'storeCredit.issue'
  | 'exchanges.create'
  | 'cancelOrder'
  | 'addOrderNote';

export interface FakeCommerceAdapter extends ReturnServiceAdapter {
  /** Money that actually moved on the "platform": one entry per refund, credit, exchange refund or cancellation. */
  readonly moneyMoves: { operation: FakeOperation; key: string; amount: Money }[];
  /** Every call, in order, with its main argument. */
  readonly calls: { operation: FakeOperation; input: unknown }[];
  readonly notes: { orderId: string; text: string }[];
  readonly platformReturns: Map<string, PlatformReturn>;
  /** Refunds on the platform, as its webhooks would report them. */
  readonly platformRefunds: { orderId: string; refund: Refund }[];
  /** The next call of the operation acts, then throws (a response lost after the platform acted). */
  failAfterActing(operation: FakeOperation): void;
  /** The next call of the operation is refused with these errors (nothing moves). */
  rejectNext(operation: FakeOperation, userErrors?: PlatformUserError[]): void;
  /** Notes fail from now on (the platform's notes endpoint is down). */
  breakNotes(): void;
  /**
   * A refund made in the platform's admin, outside aftersale: of an amount, or giving back lines (the
   * amount put on the first). Made now on the adapter's clock, or at `createdAt`.
   */
  adminRefund(
    orderId: string,
    amount: Money,
    lines?: readonly { lineItemId: string; quantity: number }[],
    createdAt?: string,
  ): Refund;
}

/**
 * Test helper (not exported from the package): an in-memory adapter implementing the spec's refunds,
 * returns, store credit, exchanges, cancellations and order notes. Like the real adapters it claims
 * each idempotency key in the store's ledger and, when an earlier attempt's outcome is unknown, looks
 * on the "platform" before acting again, so a retry never moves money twice.
 */
export function createFakeCommerceAdapter(options: {
  shopId: string;
  store: Pick<AftersaleStore, 'claimIdempotencyKey' | 'recordIdempotencyOutcome'>;
  capabilities: readonly AdapterCapability[];
  orders: readonly Order[];
  /** Prices of exchange variants (tax included, per unit). */
  variantPrices?: Record<string, Money>;
  /** Store credit codes (a WooCommerce coupon) rather than credit on the account. @default false */
  creditCodes?: boolean;
  /** The platform's clock, for refunds' creation times. @default 2026-03-20T10:00:00Z */
  now?: () => Date;
}): FakeCommerceAdapter {
  const { shopId, store } = options;
  const orders = new Map(options.orders.map((order) => [order.id, order]));
  const moneyMoves: FakeCommerceAdapter['moneyMoves'] = [];
  const calls: FakeCommerceAdapter['calls'] = [];
  const notes: FakeCommerceAdapter['notes'] = [];
  const platformReturns = new Map<string, PlatformReturn>();
  const platformRefunds: FakeCommerceAdapter['platformRefunds'] = [];
  const actedOn = new Map<string, unknown>();
  const faults = new Set<FakeOperation>();
  const rejections = new Map<FakeOperation, PlatformUserError[]>();
  let notesBroken = false;
  let counter = 0;
  const has = (capability: AdapterCapability) => options.capabilities.includes(capability);

  function refundOnPlatform(
    orderId: string,
    amount: Money,
    lines: Refund['lines'] = [],
    made: { note?: string | null; createdAt?: string } = {},
  ): Refund {
    const refund: Refund = {
      id: `refund_${++counter}`,
      platformId: `gid://platform/Refund/${counter}`,
      createdAt: made.createdAt ?? options.now?.().toISOString() ?? '2026-03-20T10:00:00Z',
      note: made.note ?? null,
      lines,
      shipping: null,
      total: amount,
    };
    platformRefunds.push({ orderId, refund });
    return refund;
  }

  function refused(operation: FakeOperation): PlatformUserError[] | null {
    const errors = rejections.get(operation);
    if (!errors) return null;
    rejections.delete(operation);
    return errors;
  }

  /** Claims the key, acts once, and replays what was done for any later call under the key. */
  async function guarded<T>(
    operation: FakeOperation,
    key: string,
    act: () => T,
    replayed: (done: T) => T,
    rejected: (userErrors: PlatformUserError[]) => T,
    inProgress: () => T,
  ): Promise<T> {
    const claim = await store.claimIdempotencyKey({ shopId, key, operation });
    if (claim.outcome === 'held') {
      if (claim.entry.state === 'succeeded') return replayed(claim.entry.result as T);
      if (claim.entry.state === 'failed') return claim.entry.result as T;
      if (claim.entry.state === 'pending') return inProgress();
      // Unknown: look on the platform before acting again.
      if (actedOn.has(key)) {
        const done = actedOn.get(key) as T;
        await store.recordIdempotencyOutcome({ shopId, key, state: 'succeeded', result: done });
        return replayed(done);
      }
    }
    const errors = refused(operation);
    if (errors) {
      const result = rejected(errors);
      await store.recordIdempotencyOutcome({ shopId, key, state: 'failed', result, error: 'rejected' });
      return result;
    }
    const result = act();
    actedOn.set(key, result);
    if (faults.delete(operation)) {
      await store.recordIdempotencyOutcome({ shopId, key, state: 'unknown', error: 'connection reset' });
      throw new Error(`connection reset after ${operation} acted`);
    }
    await store.recordIdempotencyOutcome({ shopId, key, state: 'succeeded', result });
    return result;
  }

  function returnResult(operation: FakeOperation, returnId: string, from: string[], to: string): ReturnResult {
    const found = platformReturns.get(returnId);
    const errors = refused(operation);
    if (errors) return { outcome: 'rejected', userErrors: errors };
    if (!found) return { outcome: 'rejected', userErrors: [{ field: 'id', message: 'Return does not exist' }] };
    if (!from.includes(found.status)) {
      return { outcome: 'rejected', userErrors: [{ field: 'id', message: `Return is ${found.status.toLowerCase()}` }] };
    }
    const next = { ...found, status: to };
    platformReturns.set(returnId, next);
    return { outcome: 'ok', return: structuredClone(next) };
  }

  function unitPrice(order: Order, lineItemId: string): Money {
    const line = order.lines.find((candidate) => candidate.id === lineItemId);
    if (!line) throw new Error(`no line ${lineItemId}`);
    return line.unitPrice;
  }

  const adapter: FakeCommerceAdapter = {
    capabilities: new Set(options.capabilities),
    moneyMoves,
    calls,
    notes,
    platformReturns,
    platformRefunds,
    failAfterActing: (operation) => void faults.add(operation),
    rejectNext: (operation, userErrors = [{ field: 'base', message: 'Refused by the platform' }]) =>
      void rejections.set(operation, userErrors),
    breakNotes: () => {
      notesBroken = true;
    },
    adminRefund: (orderId, amount, lines = [], createdAt) =>
      refundOnPlatform(
        orderId,
        amount,
        lines.map((line, index) => ({
          lineItemId: line.lineItemId,
          quantity: line.quantity,
          subtotal: index === 0 ? amount : { amount: 0, currency: amount.currency },
          tax: { amount: 0, currency: amount.currency },
        })),
        createdAt === undefined ? {} : { createdAt },
      ),

    async createRefund(plan, { idempotencyKey }) {
      calls.push({ operation: 'createRefund', input: plan });
      return guarded<CreateRefundResult>(
        'createRefund',
        idempotencyKey,
        () => {
          const refund = refundOnPlatform(
            plan.orderId,
            plan.total,
            plan.lines.map((line) => ({
              lineItemId: line.lineItemId,
              quantity: line.quantity,
              subtotal: line.amount,
              tax: line.tax,
            })),
            { note: `${plan.note ?? 'refund'} [aftersale:${idempotencyKey}]` },
          );
          moneyMoves.push({ operation: 'createRefund', key: idempotencyKey, amount: plan.total });
          return {
            outcome: 'created',
            refund,
            platformRefundId: refund.platformId ?? refund.id,
            replayed: false,
            idempotencyKey,
          };
        },
        (done) => (done.outcome === 'created' ? { ...done, replayed: true } : done),
        (userErrors) => ({ outcome: 'rejected', userErrors, idempotencyKey }),
        () => ({ outcome: 'in_progress', idempotencyKey }),
      );
    },

    ...(has('returns')
      ? {
          returns: {
            async request(input) {
              calls.push({ operation: 'returns.request', input });
              const errors = refused('returns.request');
              if (errors) return { outcome: 'rejected', userErrors: errors };
              const id = `gid://platform/Return/${++counter}`;
              const created: PlatformReturn = {
                id,
                orderId: input.orderId,
                status: 'REQUESTED',
                name: `#R${counter}`,
                lines: input.lines.map((line, index) => ({
                  id: `${id}/line/${index + 1}`,
                  lineItemId: line.lineItemId,
                  quantity: line.quantity,
                  reason: line.reason,
                })),
                exchangeLines: [],
              };
              platformReturns.set(id, created);
              return { outcome: 'ok', return: structuredClone(created) };
            },
            async approve(returnId) {
              calls.push({ operation: 'returns.approve', input: returnId });
              return returnResult('returns.approve', returnId, ['REQUESTED'], 'OPEN');
            },
            async decline(returnId, decline) {
              calls.push({ operation: 'returns.decline', input: { returnId, ...decline } });
              return returnResult('returns.decline', returnId, ['REQUESTED'], 'DECLINED');
            },
            async create() {
              throw new Error('returns.create is not used by the return service');
            },
            async process(input, { idempotencyKey }) {
              calls.push({ operation: 'returns.process', input });
              return guarded<ReturnResult>(
                'returns.process',
                idempotencyKey,
                () => {
                  const found = platformReturns.get(input.returnId);
                  if (found?.status !== 'OPEN') {
                    return { outcome: 'rejected', userErrors: [{ field: 'returnId', message: 'Return is not open' }] };
                  }
                  if (input.refund && input.refund.total.amount > 0) {
                    refundOnPlatform(found.orderId, input.refund.total);
                    moneyMoves.push({ operation: 'returns.process', key: idempotencyKey, amount: input.refund.total });
                  }
                  const next = { ...found, status: 'CLOSED' };
                  platformReturns.set(found.id, next);
                  return { outcome: 'ok', return: structuredClone(next) };
                },
                (done) => done,
                (userErrors) => ({ outcome: 'rejected', userErrors }),
                () => {
                  throw new Error('in progress');
                },
              );
            },
            async close(returnId) {
              calls.push({ operation: 'returns.close', input: returnId });
              return returnResult('returns.close', returnId, ['OPEN'], 'CLOSED');
            },
            async cancel(returnId) {
              calls.push({ operation: 'returns.cancel', input: returnId });
              return returnResult('returns.cancel', returnId, ['REQUESTED', 'OPEN'], 'CANCELED');
            },
            async get(returnId) {
              const found = platformReturns.get(returnId);
              return found ? structuredClone(found) : null;
            },
          },
        }
      : {}),

    ...(has('store_credit')
      ? {
          storeCredit: {
            async issue(plan, { idempotencyKey }) {
              calls.push({ operation: 'storeCredit.issue', input: plan });
              return guarded<IssueStoreCreditResult>(
                'storeCredit.issue',
                idempotencyKey,
                () => {
                  const amount = plan.bonus ? add(plan.total, plan.bonus) : plan.total;
                  const refund = plan.lines.length > 0 ? refundOnPlatform(plan.orderId, plan.total) : null;
                  moneyMoves.push({ operation: 'storeCredit.issue', key: idempotencyKey, amount });
                  return {
                    outcome: 'issued',
                    credit: {
                      platformCreditId: `credit_${++counter}`,
                      amount,
                      code: options.creditCodes ? `IADE-${counter}` : null,
                      expiresAt: plan.expiresAt ?? null,
                      platformRefundId: refund ? (refund.platformId ?? refund.id) : null,
                    },
                    replayed: false,
                    idempotencyKey,
                  };
                },
                (done) => (done.outcome === 'issued' ? { ...done, replayed: true } : done),
                (userErrors) => ({ outcome: 'rejected', userErrors, idempotencyKey }),
                () => ({ outcome: 'in_progress', idempotencyKey }),
              );
            },
          },
        }
      : {}),

    ...(has('exchanges')
      ? {
          exchanges: {
            async create(input, { idempotencyKey }) {
              calls.push({ operation: 'exchanges.create', input });
              return guarded<ExchangeResult>(
                'exchanges.create',
                idempotencyKey,
                () => {
                  const order = orders.get(input.orderId);
                  if (!order) throw new Error(`no order ${input.orderId}`);
                  const returnedValue = sum(
                    input.returnLines.map((line) => multiply(unitPrice(order, line.lineItemId), line.quantity)),
                    order.currency,
                  );
                  const newItemsValue = sum(
                    input.newLines.map((line) =>
                      multiply(options.variantPrices?.[line.variantId] ?? zero(order.currency), line.quantity),
                    ),
                    order.currency,
                  );
                  const difference = subtract(newItemsValue, returnedValue);
                  const settlement = input.settlement ?? { customerOwes: 'charge', shopOwes: 'refund' };
                  let result: PlatformExchange['settlement'] = { kind: 'none' };
                  if (difference.amount > 0) {
                    result =
                      settlement.customerOwes === 'charge'
                        ? { kind: 'payment_due', amount: difference, paymentUrl: `https://pay.example/${counter + 1}` }
                        : { kind: 'absorbed', amount: difference };
                  } else if (difference.amount < 0) {
                    if (settlement.shopOwes === 'refund') {
                      const refund = refundOnPlatform(order.id, absolute(difference));
                      moneyMoves.push({
                        operation: 'exchanges.create',
                        key: idempotencyKey,
                        amount: absolute(difference),
                      });
                      result = {
                        kind: 'refunded',
                        amount: absolute(difference),
                        platformRefundId: refund.platformId ?? refund.id,
                      };
                    } else result = { kind: 'kept', amount: absolute(difference) };
                  }
                  return {
                    outcome: 'created',
                    exchange: {
                      id: `exchange_${++counter}`,
                      orderId: order.id,
                      newOrderId: `order_${counter}`,
                      returnedValue,
                      newItemsValue,
                      difference,
                      settlement: result,
                    },
                    replayed: false,
                    idempotencyKey,
                  };
                },
                (done) => (done.outcome === 'created' ? { ...done, replayed: true } : done),
                (userErrors) => ({ outcome: 'rejected', userErrors, idempotencyKey }),
                () => ({ outcome: 'in_progress', idempotencyKey }),
              );
            },
          },
        }
      : {}),

    ...(has('cancellations')
      ? {
          async cancelOrder(input, { idempotencyKey }) {
            calls.push({ operation: 'cancelOrder', input });
            return guarded<CancelOrderResult>(
              'cancelOrder',
              idempotencyKey,
              () => {
                const order = orders.get(input.orderId);
                if (!order) throw new Error(`no order ${input.orderId}`);
                const paid = order.totals.total;
                const refund = input.refund !== false && paid.amount > 0 ? refundOnPlatform(order.id, paid) : null;
                if (refund) moneyMoves.push({ operation: 'cancelOrder', key: idempotencyKey, amount: paid });
                const cancelled = { ...order, cancelledAt: '2026-03-20T10:00:00Z' };
                orders.set(order.id, cancelled);
                return {
                  outcome: 'cancelled',
                  order: cancelled,
                  refunded: refund ? paid : money(0, order.currency),
                  platformRefundId: refund ? (refund.platformId ?? refund.id) : null,
                  replayed: false,
                  idempotencyKey,
                };
              },
              (done) => (done.outcome === 'cancelled' ? { ...done, replayed: true } : done),
              (userErrors) => ({ outcome: 'rejected', userErrors, idempotencyKey }),
              () => ({ outcome: 'in_progress', idempotencyKey }),
            );
          },
        }
      : {}),

    ...(has('order_notes')
      ? {
          async addOrderNote(input) {
            calls.push({ operation: 'addOrderNote', input });
            if (notesBroken) throw new Error('notes endpoint down');
            notes.push({ orderId: input.orderId, text: input.text });
            return { id: `note_${++counter}` };
          },
        }
      : {}),
  };
  return adapter;
}
