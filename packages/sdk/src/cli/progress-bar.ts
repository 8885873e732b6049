const WIDTH = 24;

/** A one-line progress bar drawn over itself on a terminal. */
export type ProgressBar = { update(done: number, total: number): void; finish(): void };

/**
 * A progress bar on `stream` when it is a terminal; on anything else (a pipe, a log file,
 * `--json`) it draws nothing, so scripts never see carriage returns.
 *
 * @example
 * const bar = progressBar(process.stderr, 'chart.png');
 * bar.update(512_000, 1_024_000); // chart.png [############------------]  50%  500 KB / 1000 KB
 * bar.finish();
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let drawn = false;
  return {
    update(done, total) {
      const share = total > 0 ? Math.min(done / total, 1) : 1;
      const filled = Math.round(share * WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
      stream.write(`\r${label} [${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${kilobytes(done)} / ${kilobytes(total)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
