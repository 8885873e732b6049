import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { timeDiskFlushes } from './disk-flush';

let directory: string;
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('timeDiskFlushes', () => {
  it('times each flush and leaves no file behind', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'flush-'));
    const times = timeDiskFlushes(directory, 20);

    expect(times).toHaveLength(20);
    for (const ms of times) expect(ms).toBeGreaterThan(0);
    expect(readdirSync(directory)).toEqual([]);
  });
});
