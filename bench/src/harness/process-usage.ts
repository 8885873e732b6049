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
  const fields = statFields(pid);
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

/**
 * CPU seconds used so far by a PostgreSQL cluster: the postmaster, its live backends and
 * the backends that already exited (the kernel adds those to the postmaster's children
 * time when it reaps them).
 *
 * @example
 * const before = clusterCpuSeconds(postmasterPid);
 */
export function clusterCpuSeconds(postmasterPid: number): number {
  const own = statFields(postmasterPid);
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / TICKS_PER_SECOND;
  for (const child of readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
    try {
      total += sampleProcess(Number(child)).cpuSeconds;
    } catch {
      // Exited between listing and reading; its time is now in the postmaster's children time.
    }
  }
  return total;
}

/** The fields of /proc/<pid>/stat after the command name, which may itself contain spaces. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export type CpuSpent = { workerSeconds: number; webSeconds: number; postgresSeconds: number; benchSeconds: number };

/**
 * Starts counting the CPU time the worker, the web server (when one runs), PostgreSQL and
 * this process (the load generator and the X sandbox) spend from now on; `stop` says how
 * much each spent. CPU time per unit of work changes far less than wall time when
 * neighbours load the machine, and the sum says how far two cores could go.
 *
 * @example
 * const meter = startCpuMeter({ worker: worker.child.pid, postmaster: cluster.postmasterPid });
 * const { workerSeconds } = meter.stop();
 */
export function startCpuMeter(pids: { worker: number | undefined; web?: number | undefined; postmaster: number }): { stop(): CpuSpent } {
  const cpuOf = (pid: number | undefined) => (pid ? sampleProcess(pid).cpuSeconds : 0);
  const worker = cpuOf(pids.worker);
  const web = cpuOf(pids.web);
  const postgres = clusterCpuSeconds(pids.postmaster);
  const bench = process.cpuUsage();
  return {
    stop() {
      const spent = process.cpuUsage(bench);
      return {
        workerSeconds: cpuOf(pids.worker) - worker,
        webSeconds: cpuOf(pids.web) - web,
        postgresSeconds: clusterCpuSeconds(pids.postmaster) - postgres,
        benchSeconds: (spent.user + spent.system) / 1e6,
      };
    },
  };
}
