/** A log method: pino's calling convention, an object of fields then a message, or a message alone. */
export interface LogFunction {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * The logger every aftersale package logs through. A pino logger satisfies it as is; so does
 * anything with the six level methods and `child`. Silent by default ({@link silentLogger}).
 */
export interface Logger {
  trace: LogFunction;
  debug: LogFunction;
  info: LogFunction;
  warn: LogFunction;
  error: LogFunction;
  fatal: LogFunction;
  child(bindings: Record<string, unknown>): Logger;
}

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof logLevels)[number];

const noop = (): void => {};

/** A logger that drops everything: the default wherever a logger is optional. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silentLogger,
};
