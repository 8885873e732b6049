import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * Writes a zip to a stream entry by entry, waiting for the stream to drain so a large
 * video never sits in memory whole. JSON is compressed; media, already compressed, is
 * stored as is.
 *
 * @example
 * const zip = new ZipWriter(fileStream);
 * await zip.addText('README.txt', 'Hello');
 * await zip.addStream('media/a.png', store.stream(key));
 * await zip.finish();
 */
export class ZipWriter {
  readonly #out: Writable;
  readonly #zip: Zip;
  #failure: Error | null = null;
  readonly #finished: Promise<void>;

  constructor(out: Writable) {
    this.#out = out;
    let resolveFinished!: () => void;
    this.#finished = new Promise((resolve) => (resolveFinished = resolve));
    this.#zip = new Zip((error, chunk, final) => {
      if (error) {
        this.#failure = error;
        return;
      }
      out.write(chunk);
      if (final) out.end(resolveFinished);
    });
  }

  async addText(name: string, text: string): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.#zip.add(entry);
    entry.push(new TextEncoder().encode(text), true);
    await this.#drained();
  }

  async addStream(name: string, source: Readable): Promise<void> {
    const entry = new ZipPassThrough(name);
    this.#zip.add(entry);
    for await (const chunk of source) {
      entry.push(chunk as Uint8Array);
      await this.#drained();
    }
    entry.push(new Uint8Array(0), true);
    await this.#drained();
  }

  async finish(): Promise<void> {
    this.#zip.end();
    this.#throwIfFailed();
    await this.#finished;
  }

  async #drained(): Promise<void> {
    this.#throwIfFailed();
    if (this.#out.writableNeedDrain) await once(this.#out, 'drain');
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure;
  }
}
