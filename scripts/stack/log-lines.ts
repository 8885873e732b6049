import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const COLORS: Record<string, string> = { web: '\x1b[36m', worker: '\x1b[35m', sandbox: '\x1b[33m', stack: '\x1b[32m' };
const RESET = '\x1b[0m';
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'name']);

/**
 * Prints a child's output with a coloured `[name]` prefix, turning pino's JSON lines
 * into one readable line each (`info  worker ready concurrency=8`).
 */
export function pipeWithPrefix(stream: Readable, name: string, write: (line: string) => void = console.log): void {
  const prefix = `${COLORS[name] ?? ''}[${name}]${RESET}`;
  createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${readable(line)}`));
}

export function prefixed(name: string, message: string): string {
  return `${COLORS[name] ?? ''}[${name}]${RESET} ${message}`;
}

function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const level = LEVELS[Number(entry.level)] ?? 'info';
    const fields = Object.entries(entry)
      .filter(([key]) => !OMITTED.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return [level.padEnd(5), entry.msg ?? '', ...fields].join(' ');
  } catch {
    return line;
  }
}
