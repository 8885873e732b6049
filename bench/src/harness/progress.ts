/**
 * One status line on stderr while a scenario runs: rewritten in place on a terminal,
 * printed every few seconds otherwise (CI logs, `| tee`), so a long step never looks hung.
 *
 * @example
 * progress.update('publish: 4,120 / 10,000 published');
 * progress.done('publish: drained in 8.1 s');
 */
export class ProgressLine {
  readonly #interactive = process.stderr.isTTY === true;
  #lastPrinted = 0;
  #current = '';

  update(message: string): void {
    this.#current = message;
    if (this.#interactive) {
      process.stderr.write(`\r\x1b[2K${message}`);
      return;
    }
    if (Date.now() - this.#lastPrinted < 5_000) return;
    this.#lastPrinted = Date.now();
    process.stderr.write(`${message}\n`);
  }

  /** Ends the current line with a final message that stays visible. */
  done(message: string): void {
    if (this.#interactive && this.#current) process.stderr.write('\r\x1b[2K');
    this.#current = '';
    this.#lastPrinted = 0;
    process.stderr.write(`${message}\n`);
  }
}

/** Silent progress, for the smoke test. */
export const quietProgress: Pick<ProgressLine, 'update' | 'done'> = { update: () => {}, done: () => {} };

export type Progress = Pick<ProgressLine, 'update' | 'done'>;
