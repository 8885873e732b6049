import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where finished data exports wait to be downloaded: zip files in the data directory's
 * `exports/`, readable only by the server's user, named by export id.
 *
 * @example
 * const store = ExportStore.inDataDir(config.dataDir);
 * const out = await store.createWriteStream(`${exportId}.zip`);
 */
export class ExportStore {
  constructor(readonly root: string) {}

  static inDataDir(dataDir: string): ExportStore {
    return new ExportStore(path.join(dataDir, 'exports'));
  }

  async createWriteStream(key: string): Promise<WriteStream> {
    const file = this.#file(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    return createWriteStream(file, { mode: 0o600 });
  }

  stream(key: string): Readable {
    return createReadStream(this.#file(key));
  }

  async size(key: string): Promise<number> {
    return (await stat(this.#file(key))).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }

  #file(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`export key escapes the store: ${key}`);
    return file;
  }
}
