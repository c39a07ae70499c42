import { randomBytes } from 'node:crypto';

/**
 * A unique id that sorts by creation time: `<prefix>_` + 12 hex digits of milliseconds + 20 random hex
 * digits (80 bits). New rows land at the end of the primary-key index instead of at random places in it,
 * which keeps inserts cheap on SQLite and PostgreSQL alike.
 */
export function timeOrderedId(prefix: string, at: Date): string {
  return `${prefix}_${at.getTime().toString(16).padStart(12, '0')}${randomBytes(10).toString('hex')}`;
}
