import { describe, expect, it } from 'vitest';
import { SlowStatementLog } from './slow-statements';

// Lines as PostgreSQL 18 writes them to stderr with the default prefix, one chunk as the pipe delivers it.
const CHUNK = [
  '2026-11-27 21:27:59.895 UTC [11101] LOG:  duration: 99.138 ms  execute kf2exhsyyun10: commit',
  '2026-11-27 21:27:59.896 UTC [11102] LOG:  duration: 83.256 ms  execute <unnamed>: COMMIT',
  '2026-11-27 21:27:59.897 UTC [11103] LOG:  duration: 75.854 ms  execute ywbu332obfi22: update "workflow_runs" set "status" = $1',
  '2026-11-27 21:27:59.897 UTC [11103] DETAIL:  Parameters: $1 = \'succeeded\'',
  '2026-11-27 21:27:59.898 UTC [11104] LOG:  duration: 74.634 ms  statement: ',
  '\t    with checkpoint as (select 1)',
  '2026-11-27 21:27:59.899 UTC [11105] LOG:  duration: 61.000 ms  statement: commit',
  '2026-11-27 21:27:59.900 UTC [11106] LOG:  checkpoint starting: time',
].join('\n');

describe('SlowStatementLog', () => {
  it('counts the slow commits within a window, whichever way they were sent, and finds the slowest', () => {
    const log = new SlowStatementLog();
    log.read(CHUNK, 1_000);
    log.read('2026-11-27 21:28:09.223 UTC [11101] LOG:  duration: 193.460 ms  execute kf2exhsyyun10: commit\n', 5_000);

    expect(log.commitsBetween(0, 2_000)).toEqual({ count: 3, slowestMs: 99.138 });
    expect(log.commitsBetween(0, 10_000)).toEqual({ count: 4, slowestMs: 193.46 });
    expect(log.commitsBetween(2_000, 4_000)).toEqual({ count: 0, slowestMs: 0 });
  });
});
