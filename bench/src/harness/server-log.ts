/** What PostgreSQL logs of a statement that took longer than `SLOW_STATEMENT_MS`, and when that line reached the bench. */
export type SlowStatement = { at: number; ms: number; text: string };

/** The bench cluster logs every statement slower than this (`log_min_duration_statement`). */
export const SLOW_STATEMENT_MS = 50;

const DURATION = /LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): ?(.*)$/;

/**
 * An error PostgreSQL logged (a deadlock, a statement cancelled, a constraint broken), when
 * that line reached the bench, and what the server wrote with it: its DETAIL (for a
 * deadlock, each process's statement), HINT, CONTEXT and STATEMENT lines.
 */
export type ServerError = { at: number; message: string; report: string };

const ERROR = /\b(?:ERROR|FATAL|PANIC):\s+(.*)$/;
/** The lines PostgreSQL writes with an error: its other fields, or a field's continuation (indented). */
const ERROR_FIELD = /\b(?:DETAIL|HINT|CONTEXT|STATEMENT|QUERY|LOCATION):\s|^\s/;
/** How much of an error's report is kept. */
const MAX_REPORT = 4_000;

/**
 * Collects from the cluster's log, as it is written, what a scenario reports about the
 * database while it measured: the slow statements and the errors. Most revealing among
 * the slow statements are the commits: a commit waits for its WAL to reach the disk, and
 * several slow commits at the same moment are the disk stalling under everyone (the
 * ≈ 100 ms stalls behind the webhook ack p99). The errors say why a run failed when the
 * app only recorded that a statement did (a deadlock between two batches, say).
 *
 * @example
 * const log = new ServerLog();
 * startEmbeddedPostgres({ …, onLog: (output) => log.read(output) });
 * log.commitsBetween(started, ended); // { count: 3, slowestMs: 99.1 }
 * log.errorsBetween(started, ended); // ['2 × deadlock detected']
 */
export class ServerLog {
  readonly #statements: SlowStatement[] = [];
  readonly #errors: ServerError[] = [];
  /** The error whose report the next lines may continue. */
  #reporting: ServerError | undefined;

  /** Takes a chunk of the server's log output (one or more lines). */
  read(output: string, at = Date.now()): void {
    for (const line of output.split('\n')) {
      if (line === '') continue;
      const error = ERROR.exec(line);
      if (error) {
        this.#reporting = { at, message: error[1]!.trim(), report: line };
        this.#errors.push(this.#reporting);
        continue;
      }
      if (this.#reporting && ERROR_FIELD.test(line)) {
        this.#reporting.report = `${this.#reporting.report}\n${line}`.slice(0, MAX_REPORT);
        continue;
      }
      this.#reporting = undefined;
      const match = DURATION.exec(line);
      if (match) this.#statements.push({ at, ms: Number(match[1]), text: match[2]!.trim() });
    }
  }

  /** The slow commits logged from `from` to `to` (epoch ms): how many, and the slowest. */
  commitsBetween(from: number, to: number): { count: number; slowestMs: number } {
    const commits = this.#statements.filter((statement) => statement.at >= from && statement.at <= to && /^commit$/i.test(statement.text));
    return { count: commits.length, slowestMs: Math.max(0, ...commits.map((commit) => commit.ms)) };
  }

  /** The errors logged from `from` to `to` (epoch ms), alike messages counted together, the most frequent first. */
  errorsBetween(from: number, to: number): string[] {
    const counts = new Map<string, number>();
    for (const { at, message } of this.#errors) if (at >= from && at <= to) counts.set(message, (counts.get(message) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([message, count]) => `${count} × ${message}`);
  }

  /** The whole reports of the errors logged from `from` to `to` (epoch ms), the first of each message: what to read when `errorsBetween` names one. */
  errorReportsBetween(from: number, to: number): string[] {
    const first = new Map<string, string>();
    for (const { at, message, report } of this.#errors) if (at >= from && at <= to && !first.has(message)) first.set(message, report);
    return [...first.values()];
  }
}
