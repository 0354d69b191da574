// Many photos at once: a piscina pool of worker threads, each with its own detector (tfjs wasm
// backend). A photo past the time limit, or a cancelled batch, has its worker terminated (piscina
// stops the thread of an aborted task) and its temp file removed; a crash fails its photo only.
// Results stream as they finish.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { SafeError, errorView } from './errors.js';
import { outputPathFor, type Placement } from './naming.js';
import { resolveOptions, type Options } from './options.js';
import type { Result } from './pipeline.js';
import { untouched } from './untouched.js';
import { cannotWriteIn, removeTempsOf } from './write.js';

export type OnResult = (result: Result, index: number) => void;

/** What the pool hands a worker (src/worker.ts) per photo. */
export interface Task {
  placement: Placement;
  /** The worker says its threadId here when it starts, so a stopped photo's temp file can be found. */
  started: MessagePort;
}

// Compiled next to this file as worker.js. Run from the TypeScript sources (tests, tsx), the
// worker is the .ts file, loaded through tsx: the same pool, limits and isolation either way.
const compiled = fileURLToPath(new URL('./worker.js', import.meta.url));
const fromSources = !existsSync(compiled);
const workerFile = fromSources ? fileURLToPath(new URL('./worker.ts', import.meta.url)) : compiled;

function failedResult(input: string, err: SafeError, ms: number): Result {
  return { ...untouched(input, 'failed', ms), error: errorView(err) };
}

/** The folder each placement's output lands in (the same whatever the output format). */
function targetDir(p: Placement, o: Options): string {
  return path.dirname(outputPathFor(p, 'jpeg', o));
}

function exited(worker: Worker): Promise<void> {
  return new Promise((resolve) => (worker.threadId === -1 ? resolve() : worker.once('exit', () => resolve())));
}

/**
 * Makes a safe copy of every photo, several at once in worker threads, each within the time limit.
 * @param items the photos and where their copies go (collectPhotos makes them)
 * @param options the engine options (resolved and checked here)
 * @param onResult called as each photo finishes, in completion order, with its index in `items`
 * @param signal aborting it stops the photos in progress (their workers are terminated, their temp
 *   files removed); results already reported stay written
 * @returns one Result per photo, in input order; a bad photo is a `failed` Result, never a rejection
 * @throws SafeError `bad-option` for invalid options; the signal's reason when aborted
 * @example
 * const { items } = await collectPhotos(['party/'], { recursive: false });
 * const results = await runBatch(items, { faces: 'all', jobs: 2 }, (r) => console.log(r.status, r.input));
 */
export async function runBatch(
  items: Placement[],
  options: Partial<Options> = {},
  onResult?: OnResult,
  signal?: AbortSignal,
): Promise<Result[]> {
  const o = resolveOptions(options);
  const results: Result[] = new Array(items.length);
  if (items.length === 0) return results;
  signal?.throwIfAborted();
  // Each output folder is tried once, up front: photos bound for one that cannot take a copy fail at
  // once with its reason, instead of each after its analysis.
  const refused = new Map<string, SafeError | undefined>();
  for (const dir of new Set(items.map((p) => targetDir(p, o)))) refused.set(dir, await cannotWriteIn(dir));
  const todo: number[] = [];
  items.forEach((p, index) => {
    const err = refused.get(targetDir(p, o));
    if (!err) return todo.push(index);
    results[index] = failedResult(p.input, err, 0);
    onResult?.(results[index], index);
  });
  if (!todo.length) return results;
  const size = Math.min(o.jobs, todo.length);
  // With faces to find, the first photo gets the cores to itself and the other workers start when
  // its result is in: their detector loads would otherwise slow the result a person waits for
  // (~0.4 s here), and it costs one photo's time on one core, once per batch. With --faces none
  // there is no detector to wait for, so all start at once.
  const first = o.faces === 'none' ? size : 1;
  const pool = new Piscina<Task, Result>({
    filename: workerFile,
    minThreads: first,
    maxThreads: size,
    idleTimeout: 60_000,
    // Each worker keeps its event loop: the detector loads in the background while it waits.
    atomics: 'disabled',
    workerData: { options: o },
    ...(fromSources ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });

  const one = async (index: number): Promise<void> => {
    const started = Date.now();
    const channel = new MessageChannel();
    let thread: { id: number; worker?: Worker } | undefined;
    channel.port1.once('message', (id: number) => (thread = { id, worker: pool.threads.find((w) => w.threadId === id) }));
    channel.port1.unref();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), o.timeoutMs);
    try {
      const task: Task = { placement: items[index], started: channel.port2 };
      results[index] = await pool.run(task, { transferList: [channel.port2], signal: AbortSignal.any([timeout.signal, stopAll.signal]) });
    } catch (e) {
      // A stopped or crashed worker has left the pool: once its thread is gone, remove what it was
      // writing. (A worker still in the pool is alive and cleans up after itself.)
      const worker = thread?.worker;
      if (thread && worker && !pool.threads.includes(worker)) {
        await exited(worker);
        await removeTempsOf(targetDir(items[index], o), thread.id);
      }
      if (stopAll.signal.aborted) throw stopAll.signal.reason;
      const err = timeout.signal.aborted
        ? new SafeError('timeout', `gave up after ${Number((o.timeoutMs / 1000).toPrecision(3))} s; nothing was written`)
        : new SafeError(
            'internal',
            `the worker processing this photo stopped (${e instanceof Error ? e.message : String(e)}); nothing was written`,
          );
      results[index] = failedResult(items[index].input, err, Date.now() - started);
    } finally {
      clearTimeout(timer);
      channel.port1.close();
    }
    onResult?.(results[index], index);
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    try {
      while (next < todo.length && !stopAll.signal.aborted) await one(todo[next++]);
    } catch (e) {
      stopAll.abort(e); // the other lanes stop their photos too, and clean up before we return
      throw e;
    }
  };
  try {
    if (first === 1) await one(todo[next++]);
    const lanes = await Promise.allSettled(Array.from({ length: size }, lane));
    const failure = lanes.find((l) => l.status === 'rejected');
    if (failure) throw failure.reason;
    signal?.throwIfAborted(); // aborted between two photos: nothing was stopped, but the batch is not whole
    return results;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}
