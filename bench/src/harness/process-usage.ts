import { readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const TICKS_PER_SECOND = 100;

export type ProcessSample = { at: number; cpuSeconds: number; rssMb: number };

/**
 * CPU time used so far (user + system) and resident memory of a process, from
 * `/proc/<pid>/stat` and `/proc/<pid>/status`.
 *
 * @example
 * const before = sampleProcess(worker.pid);
 */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing paren are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return { at: performance.now(), cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssMb: rssKb / 1024 };
}

/**
 * Share of one core the process used between two samples, in percent.
 *
 * @example
 * cpuPercent(before, sampleProcess(pid)); // 1.7
 */
export function cpuPercent(before: ProcessSample, after: ProcessSample): number {
  const wallSeconds = (after.at - before.at) / 1000;
  return wallSeconds > 0 ? ((after.cpuSeconds - before.cpuSeconds) / wallSeconds) * 100 : Number.NaN;
}
