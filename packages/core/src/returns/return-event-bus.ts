import { type Logger, silentLogger } from '../logger/logger.js';
import type { ReturnNotification, ReturnNotificationType } from './return-notifications.js';

export type ReturnEventHandler<T extends ReturnNotificationType = ReturnNotificationType> = (
  event: ReturnNotification & { type: T },
) => void | Promise<void>;

/** In-process delivery of return-case events to subscribers (the outbox carries them across processes). */
export interface ReturnEventBus {
  /** Subscribes to one type, or `*` for all; returns the function that unsubscribes. */
  on<T extends ReturnNotificationType>(type: T | '*', handler: ReturnEventHandler<T>): () => void;
  /**
   * Delivers an event to its subscribers, one after another. A failing subscriber is logged and does
   * not stop the others or the case: the outbox still holds the event for a retry.
   */
  emit(event: ReturnNotification): Promise<{ delivered: number; failed: number }>;
}

export function createReturnEventBus(options: { logger?: Logger } = {}): ReturnEventBus {
  const logger = options.logger ?? silentLogger;
  const handlers = new Map<string, Set<ReturnEventHandler>>();
  return {
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
      }
      set.add(handler as ReturnEventHandler);
      return () => {
        set.delete(handler as ReturnEventHandler);
      };
    },
    async emit(event) {
      let delivered = 0;
      let failed = 0;
      for (const handler of [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])]) {
        try {
          await handler(event);
          delivered++;
        } catch (error) {
          failed++;
          logger.error(
            { err: error, type: event.type, caseId: event.subjectId },
            'a return event subscriber failed; the event stays in the outbox',
          );
        }
      }
      return { delivered, failed };
    },
  };
}
