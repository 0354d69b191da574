// One photo at a time, inside a worker thread owned by batch.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { Task, TaskDone } from './batch.js';
import type { Options } from './options.js';
import { processFile } from './pipeline.js';

const options = (workerData as { options: Options }).options;

parentPort?.on('message', async (task: Task) => {
  const result = await processFile(task.placement, options);
  parentPort?.postMessage({ id: task.id, result } satisfies TaskDone);
});
