import type { DataExport } from '#lib/client/privacy-types.ts';

const POLL_MS = 1_000;

/**
 * A scope's exports (personal, or one workspace's), kept fresh once a second while one is
 * queued or being built, so the progress bar moves without a reload; idle otherwise.
 *
 * @example
 * const exports = new ExportList(data.exports, () => trpc.privacy.exports.query());
 * $effect(() => exports.follow());
 */
export class ExportList {
  #items = $state<DataExport[]>([]);
  readonly #fetch: () => Promise<DataExport[]>;

  constructor(initial: DataExport[], fetch: () => Promise<DataExport[]>) {
    this.#items = initial;
    this.#fetch = fetch;
  }

  get items(): readonly DataExport[] {
    return this.#items;
  }

  get busy(): boolean {
    return this.#items.some((item) => item.status === 'queued' || item.status === 'running');
  }

  async refresh(): Promise<void> {
    this.#items = await this.#fetch();
  }

  /** Polls while an export is in progress; returns the clean-up for `$effect`. */
  follow(): (() => void) | undefined {
    if (!this.busy) return undefined;
    const timer = setInterval(() => void this.refresh().catch(() => {}), POLL_MS);
    return () => clearInterval(timer);
  }
}
