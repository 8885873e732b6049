import { describe, expect, it } from 'vitest';
import { ServerLog } from './server-log';

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

describe('ServerLog', () => {
  it('counts the slow commits within a window, whichever way they were sent, and finds the slowest', () => {
    const log = new ServerLog();
    log.read(CHUNK, 1_000);
    log.read('2026-11-27 21:28:09.223 UTC [11101] LOG:  duration: 193.460 ms  execute kf2exhsyyun10: commit\n', 5_000);

    expect(log.commitsBetween(0, 2_000)).toEqual({ count: 3, slowestMs: 99.138 });
    expect(log.commitsBetween(0, 10_000)).toEqual({ count: 4, slowestMs: 193.46 });
    expect(log.commitsBetween(2_000, 4_000)).toEqual({ count: 0, slowestMs: 0 });
  });

  it('counts the errors within a window by message, the most frequent first', () => {
    const log = new ServerLog();
    log.read(
      [
        '2026-11-29 14:01:02.100 UTC [12001] ERROR:  deadlock detected',
        '2026-11-29 14:01:02.100 UTC [12001] DETAIL:  Process 12001 waits for ShareLock on transaction 991; blocked by process 12002.',
        '2026-11-29 14:01:02.101 UTC [12003] ERROR:  canceling statement due to statement timeout',
        '2026-11-29 14:01:02.102 UTC [12002] ERROR:  deadlock detected',
        '2026-11-29 14:01:02.103 UTC [12004] LOG:  checkpoint starting: time',
      ].join('\n'),
      1_000,
    );
    log.read('2026-11-29 14:01:09.000 UTC [12005] FATAL:  terminating connection due to administrator command\n', 5_000);

    expect(log.errorsBetween(0, 2_000)).toEqual(['2 × deadlock detected', '1 × canceling statement due to statement timeout']);
    expect(log.errorsBetween(2_000, 6_000)).toEqual(['1 × terminating connection due to administrator command']);
    expect(log.errorsBetween(6_000, 9_000)).toEqual([]);
  });

  it("keeps an error's report, its statements included, even when the pipe splits it", () => {
    const log = new ServerLog();
    log.read(
      [
        '2026-11-29 14:59:01.100 UTC [12001] ERROR:  deadlock detected',
        '2026-11-29 14:59:01.100 UTC [12001] DETAIL:  Process 12001 waits for ShareLock on transaction 991; blocked by process 12002.',
        '\tProcess 12002 waits for ShareLock on transaction 990; blocked by process 12001.',
      ].join('\n'),
      1_000,
    );
    log.read(
      [
        '\tProcess 12001: update "posts" set status = $1',
        '\tProcess 12002: update "posts" set status = $2',
        '2026-11-29 14:59:01.100 UTC [12001] HINT:  See server log for query details.',
        '2026-11-29 14:59:01.100 UTC [12001] STATEMENT:  update "posts" set status = $1',
        '2026-11-29 14:59:01.150 UTC [12003] LOG:  duration: 61.000 ms  statement: commit',
        '2026-11-29 14:59:01.200 UTC [12001] ERROR:  deadlock detected',
      ].join('\n'),
      1_001,
    );

    const [report] = log.errorReportsBetween(0, 2_000);
    expect(log.errorReportsBetween(0, 2_000)).toHaveLength(1);
    expect(report).toContain('Process 12002 waits for ShareLock');
    expect(report).toContain('Process 12001: update "posts" set status = $1');
    expect(report).toContain('STATEMENT:  update "posts" set status = $1');
    expect(report).not.toContain('duration');
    expect(log.errorsBetween(0, 2_000)).toEqual(['2 × deadlock detected']);
    expect(log.commitsBetween(0, 2_000)).toEqual({ count: 1, slowestMs: 61 });
  });
});
