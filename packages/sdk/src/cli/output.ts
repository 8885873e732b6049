import { formatTable } from './table.ts';
import { progressBar, type ProgressBar } from './progress-bar.ts';

export type OutputStreams = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };

/**
 * Where a command's results go. Human mode prints tables and sentences; JSON mode prints
 * exactly one JSON document on stdout (the command's result) and nothing else there, so
 * `tweetflow … --json | jq` always works. Progress and notes go to stderr, and only on a
 * terminal.
 *
 * @example
 * output.result(posts, () => output.table(['id', 'status'], posts.map((post) => [post.id, post.status])));
 */
export class Output {
  readonly json: boolean;
  readonly #streams: OutputStreams;

  constructor(json: boolean, streams: OutputStreams) {
    this.json = json;
    this.#streams = streams;
  }

  /** The command's result: `data` as JSON, or what `human` prints. */
  result(data: unknown, human: () => void): void {
    if (this.json) this.#streams.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else human();
  }

  /** A line of the human result (never printed in JSON mode). */
  line(text: string): void {
    if (!this.json) this.#streams.stdout.write(`${text}\n`);
  }

  table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): void {
    this.line(rows.length === 0 ? '(none)' : formatTable(headers, rows));
  }

  /** Something to know while a command works (progress of a watch, a warning), on stderr. */
  note(text: string): void {
    if (!this.json) this.#streams.stderr.write(`${text}\n`);
  }

  progress(label: string): ProgressBar {
    return this.json ? { update() {}, finish() {} } : progressBar(this.#streams.stderr, label);
  }

  /** The error that ended the command: a sentence, or in JSON mode a JSON document, on stderr. */
  error(details: { message: string; code?: string; httpStatus?: number | null; issues?: string[]; retryAt?: Date | null }): void {
    if (this.json) {
      this.#streams.stderr.write(`${JSON.stringify({ error: details })}\n`);
      return;
    }
    const issues = details.issues ?? [];
    // The message of an input error already lists the issues in one line; list them instead.
    const lines = issues.length > 0 ? ['Error: the input was refused:', ...issues.map((issue) => `  - ${issue}`)] : [`Error: ${details.message}`];
    if (details.retryAt) lines.push(`  Try again after ${details.retryAt.toLocaleString()}.`);
    this.#streams.stderr.write(`${lines.join('\n')}\n`);
  }
}
