// Preloaded (`--import`) into every app process the bench starts (see `startBenchProcess`).
// A bench stopped by a signal to its own process, or killed outright, cannot stop its
// children, and an orphaned worker went on taking the publish jobs of the next runs'
// databases (the same name each run) and sending them to a sandbox that no longer existed:
// every later publish drain stalled. Once the process that started it is gone (the
// process is adopted by another), it is asked to stop as `stop()` would ask it.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

// Named by the bench when it spawns the process: read from `process.ppid` at start-up
// instead, a bench that died while this process was starting would not be noticed.
const parent = Number(process.env.TWEETFLOW_BENCH_PID) || process.ppid;

// `process.ppid` is read once at start-up, so the current parent comes from /proc (Linux),
// or, where there is none, from whether the first parent still answers.
function parentNow() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      process.kill(parent, 0);
      return parent;
    } catch {
      return 0;
    }
  }
}

setInterval(() => {
  if (parentNow() !== parent) process.kill(process.pid, 'SIGTERM');
}, 500).unref();
