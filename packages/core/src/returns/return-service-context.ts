import { createHash, randomUUID } from 'node:crypto';
import { AftersaleError } from '../errors/aftersale-error.js';
import { type Logger, silentLogger } from '../logger/logger.js';
import { hasCapability, type PlatformUserError } from '../spec/commerce-adapter.js';
import type { ReturnNotification } from './return-notifications.js';
import { describeOrderNote } from './return-order-notes.js';
import type { ReturnServiceOptions, ReturnServiceStore } from './return-service-types.js';

/** What every part of the return service shares: the clock, the logger, and the delivery of events. */
export interface ReturnServiceContext {
  options: ReturnServiceOptions;
  shopId: string;
  store: ReturnServiceStore;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  /** The clock as ISO 8601. */
  at(): string;
  /**
   * Delivers stored events: to in-process subscribers, then (with `order_notes`) as notes on the
   * order, best effort: a note that fails is logged and the step stands.
   */
  announce(orderId: string, notifications: readonly ReturnNotification[], locale: string): Promise<void>;
  /** A store method the step needs, or an `invalid_config` error naming it. */
  storeMethod<K extends keyof ReturnServiceStore>(name: K, step: string): NonNullable<ReturnServiceStore[K]>;
}

/** A short, stable digest for ids derived from keys (record ids stay short and free of platform ids). */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** The platform's refusal of a step as a typed error: nothing was recorded. */
export function platformRefused(
  step: string,
  subject: string,
  userErrors: readonly PlatformUserError[],
  code: 'platform_rejected' | 'refund_rejected' = 'platform_rejected',
): AftersaleError {
  const listed = userErrors.map((error) => `${error.field}: ${error.message}`).join('; ') || 'no reason given';
  return new AftersaleError({
    code,
    message: `The platform refused to ${step} (${subject}): ${listed}. Nothing was recorded; fix it on the platform or in the request and try again.`,
    issues: userErrors.map((error) => ({ path: error.field, message: error.message })),
    details: { subject, userErrors: userErrors.map((error) => ({ ...error })) },
  });
}

/** A capability the step needs is not declared by the adapter. */
export function capabilityMissing(capability: string, step: string): AftersaleError {
  return new AftersaleError({
    code: 'capability_not_supported',
    message: `${step} needs an adapter with the "${capability}" capability; this adapter does not declare it (check adapter.capabilities).`,
    details: { capability },
  });
}

export function createReturnServiceContext(options: ReturnServiceOptions): ReturnServiceContext {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const { adapter, store } = options;
  const notes = hasCapability(adapter, 'order_notes') && typeof adapter.addOrderNote === 'function';
  return {
    options,
    shopId: options.shopId,
    store,
    logger,
    now,
    newId: options.newId ?? randomUUID,
    at: () => now().toISOString(),
    async announce(orderId, notifications, locale) {
      if (options.events) for (const notification of notifications) await options.events.emit(notification);
      if (!notes) return;
      for (const notification of notifications) {
        try {
          await adapter.addOrderNote?.({
            orderId,
            text: describeOrderNote(notification, locale),
            customerVisible: false,
          });
        } catch (error) {
          logger.warn(
            {
              subjectId: notification.subjectId,
              type: notification.type,
              error: AftersaleError.isInstance(error) ? error.code : 'unexpected_error',
            },
            'the order note was not added; the step stands',
          );
        }
      }
    },
    storeMethod(name, step) {
      const method = store[name];
      if (typeof method !== 'function') {
        throw new AftersaleError({
          code: 'invalid_config',
          message: `${step} needs a store with ${String(name)}; pass an AftersaleStore (createMemoryStore, createSqliteStore or createPostgresStore).`,
          details: { method: String(name) },
        });
      }
      return method.bind(store) as NonNullable<ReturnServiceStore[typeof name]>;
    },
  };
}
