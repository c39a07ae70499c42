import { type LogFunction, type Logger, type LogLevel, logLevels, silentLogger } from './logger.js';
import { createRedactor, type RedactOptions, redactText } from './redact.js';

export interface CreateLoggerOptions extends RedactOptions {
  /**
   * Where redacted records go: a pino logger, or any {@link Logger}.
   * @default silentLogger
   */
  target?: Logger;
}

/**
 * Wraps a logger so that every field, binding and message passes through redaction before it
 * reaches the target. Every aftersale package logs through such a wrapper, so a pino logger handed
 * to aftersale never receives a token, an e-mail address or a customer's name.
 *
 * @example
 * ```ts
 * import pino from 'pino'
 * const logger = createLogger({ target: pino() })
 * ```
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const target = options.target ?? silentLogger;
  if (target === silentLogger) return silentLogger;
  const redactValue = createRedactor(options);
  const wrap = (inner: Logger): Logger => {
    const method =
      (level: LogLevel): LogFunction =>
      (fieldsOrMessage: object | string, message?: string): void => {
        if (typeof fieldsOrMessage === 'string') {
          inner[level](redactText(fieldsOrMessage));
          return;
        }
        const fields = redactValue(fieldsOrMessage) as object;
        if (message === undefined) inner[level](fields);
        else inner[level](fields, redactText(message));
      };
    return {
      trace: method('trace'),
      debug: method('debug'),
      info: method('info'),
      warn: method('warn'),
      error: method('error'),
      fatal: method('fatal'),
      child: (bindings) => wrap(inner.child(redactValue(bindings) as Record<string, unknown>)),
    };
  };
  return wrap(target);
}

export interface ConsoleLoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /** Where lines go. @default process.stderr.write */
  write?: (line: string) => void;
  /** Fields added to every line. */
  bindings?: Record<string, unknown>;
}

/**
 * A small JSON-lines logger for scripts (one object a line, pino's field names). Use it through
 * {@link createLogger} so that its output is redacted.
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = logLevels.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const bindings = options.bindings ?? {};
  const method =
    (level: LogLevel): LogFunction =>
    (fieldsOrMessage: object | string, message?: string): void => {
      if (logLevels.indexOf(level) < threshold) return;
      const fields = typeof fieldsOrMessage === 'string' ? {} : fieldsOrMessage;
      const msg = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : message;
      write(
        `${JSON.stringify({ level, time: Date.now(), ...bindings, ...fields, ...(msg === undefined ? {} : { msg }) })}\n`,
      );
    };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: (more) => createConsoleLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}
