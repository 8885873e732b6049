// The entry point of the bench's worker threads (see `startThread`): a thread starts
// without the bench's TypeScript loader, so it registers tsx first and then imports the
// module it was started for (`workerData.module`).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
