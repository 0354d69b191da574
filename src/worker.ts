// One photo at a time, inside a worker thread owned by batch.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { Task, TaskDone } from './batch.js';
import { warmUp } from './faces/index.js';
import type { Options } from './options.js';
import { processFile } from './pipeline.js';

const options = (workerData as { options: Options }).options;

// Start the detector now, so its load overlaps reading and decoding the first photo instead of
// following it. A failure here is reported by the photo that needs the detector, not as a crash.
if (options.faces !== 'none') warmUp().catch(() => {});

parentPort?.on('message', async (task: Task) => {
  const result = await processFile(task.placement, options);
  parentPort?.postMessage({ id: task.id, result } satisfies TaskDone);
});
