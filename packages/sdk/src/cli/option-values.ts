import { UsageError } from './usage-error.ts';

/**
 * Gathers a repeatable option's values (commander calls it once per occurrence).
 *
 * @example
 * new Command().option('--media <path>', 'a file', collect, []);
 */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * A date from an option, or a usage error naming the option.
 *
 * @example
 * parseDate('--from', '2026-12-01'); // 2026-12-01T00:00:00.000Z
 */
export function parseDate(option: string, text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${option} "${text}" is not a date like 2026-12-01 or 2026-12-01T09:00:00Z.`);
  return date;
}

/**
 * A whole number above zero from an option, or a usage error naming the option.
 *
 * @example
 * positiveInteger('--limit', '50'); // 50
 */
export function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number above 0, not "${text}".`);
  return value;
}

/**
 * JSON given on the command line (e.g. a run's input), or a usage error naming the option.
 *
 * @example
 * parseJsonOption('--input', '{"topic":"launch"}'); // { topic: 'launch' }
 */
export function parseJsonOption(option: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${option} is not valid JSON: ${(error as Error).message}`);
  }
}
