/** What PostgreSQL logs of a statement that took longer than `SLOW_STATEMENT_MS`, and when that line reached the bench. */
export type SlowStatement = { at: number; ms: number; text: string };

/** The bench cluster logs every statement slower than this (`log_min_duration_statement`). */
export const SLOW_STATEMENT_MS = 50;

const DURATION = /LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): ?(.*)$/;

/**
 * Collects the slow statements from the cluster's log as it is written, so a scenario can
 * say what held the database up while it measured. Most revealing are the commits: a
 * commit waits for its WAL to reach the disk, and several slow commits at the same moment
 * are the disk stalling under everyone (the ≈ 100 ms stalls behind the webhook ack p99).
 *
 * @example
 * const log = new SlowStatementLog();
 * startEmbeddedPostgres({ …, onLog: (output) => log.read(output) });
 * log.commitsBetween(started, ended); // { count: 3, slowestMs: 99.1 }
 */
export class SlowStatementLog {
  readonly #statements: SlowStatement[] = [];

  /** Takes a chunk of the server's log output (one or more lines). */
  read(output: string, at = Date.now()): void {
    for (const line of output.split('\n')) {
      const match = DURATION.exec(line);
      if (match) this.#statements.push({ at, ms: Number(match[1]), text: match[2]!.trim() });
    }
  }

  /** The slow commits logged from `from` to `to` (epoch ms): how many, and the slowest. */
  commitsBetween(from: number, to: number): { count: number; slowestMs: number } {
    const commits = this.#statements.filter((statement) => statement.at >= from && statement.at <= to && /^commit$/i.test(statement.text));
    return { count: commits.length, slowestMs: Math.max(0, ...commits.map((commit) => commit.ms)) };
  }
}
