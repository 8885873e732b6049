import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded media bytes live: files under one directory (the data directory's
 * `media/`), named by workspace and media id. The database holds only the key.
 *
 * @example
 * const store = new MediaStore('.tweetflow/media');
 * await store.write('ws/0190…', bytes);
 */
export class MediaStore {
  constructor(readonly root: string) {}

  async write(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.#file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { mode: 0o600 });
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.#file(key));
  }

  stream(key: string): Readable {
    return createReadStream(this.#file(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }

  /** Keys are made by TweetFlow, but a key that climbs out of the root is refused anyway. */
  #file(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`media key escapes the store: ${key}`);
    return file;
  }
}
