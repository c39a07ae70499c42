import type { AftersaleErrorCode } from './error-codes.js';

const marker = Symbol.for('aftersale.error');

/** One problem found while validating a value: where it is and what is wrong. */
export interface AftersaleIssue {
  /** Path to the offending value, such as `lines[2].unitPrice.amount`. Empty for the value itself. */
  path: string;
  /** What is wrong there. */
  message: string;
}

export interface AftersaleErrorOptions {
  code: AftersaleErrorCode;
  /** What went wrong and what to do about it. */
  message: string;
  /** The upstream error, if any. */
  cause?: unknown;
  /** Every problem found, for validation errors. */
  issues?: readonly AftersaleIssue[];
  /** Extra machine-readable facts (never personal data or secrets). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error type every aftersale package throws. Recognise it with
 * {@link AftersaleError.isInstance}, which also works when two copies of the package are installed.
 *
 * @example
 * ```ts
 * try { parseOrder(payload) } catch (error) {
 *   if (AftersaleError.isInstance(error) && error.code === 'invalid_order') console.log(error.issues)
 * }
 * ```
 */
export class AftersaleError extends Error {
  override readonly name: string = 'AftersaleError';
  readonly code: AftersaleErrorCode;
  readonly issues: readonly AftersaleIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(options: AftersaleErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
    // A global-registry symbol, so errors from another copy of the package are recognised too.
    Object.defineProperty(this, marker, { value: true, enumerable: false });
  }

  /** True for any AftersaleError, from this copy of the package or another. */
  static isInstance(error: unknown): error is AftersaleError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  /** True when `error` is an AftersaleError with the given code. */
  static hasCode(error: unknown, code: AftersaleErrorCode): error is AftersaleError {
    return AftersaleError.isInstance(error) && error.code === code;
  }

  toJSON(): { name: string; code: AftersaleErrorCode; message: string; issues: readonly AftersaleIssue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}
