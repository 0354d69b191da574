// Loads face-api once per thread, on the wasm backend; its nets' weights come from the installed package.
// Nothing here touches the network: the weights are read from node_modules/@vladmandic/face-api/model.
import { createRequire } from 'node:module';
import path from 'node:path';
import { SafeError } from '../errors.js';

export type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

let loading: Promise<FaceApi> | undefined;

/** The loaded face-api module (its tfjs wasm backend ready, no net loaded). Loads on first call. */
export function faceApi(): Promise<FaceApi> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined; // let a later call try again and report its own error
    throw e;
  });
  return loading;
}

function modelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

async function load(): Promise<FaceApi> {
  const before = snapshotListeners();
  let api: FaceApi;
  let ok: boolean;
  try {
    api = await import('@vladmandic/face-api/dist/face-api.node-wasm.js');
    ok = await engine(api).setBackend('wasm');
    await engine(api).ready();
  } catch (e) {
    throw new SafeError('internal', 'the face detector could not start its WebAssembly engine', { cause: e });
  } finally {
    // The emscripten glue adds process handlers that turn any unhandled rejection anywhere
    // in the process into a hard exit; the host application decides that, not a library.
    removeGlueHandlersAddedSince(before);
  }
  if (!ok || engine(api).getBackend() !== 'wasm') {
    // tfjs would silently fall back to its pure-JS backend, 25–30× slower: refuse instead.
    throw new SafeError('internal', 'the face detector could not start its WebAssembly engine (tfjs wasm backend unavailable)');
  }
  return api;
}

/** face-api's bundled tfjs, typed as the full tfjs API (its own typing omits the backend calls). */
export function engine(api: FaceApi): typeof import('@tensorflow/tfjs') {
  return api.tf as unknown as typeof import('@tensorflow/tfjs');
}

const extraLoading = new Map<string, Promise<void>>();

/**
 * face-api with one of its nets loaded, on demand: finding faces needs none (YuNet runs on
 * onnxruntime; face-api's tfjs runs the person detector), children mode needs the age net.
 */
export async function withNet(net: 'ageGenderNet' | 'ssdMobilenetv1'): Promise<FaceApi> {
  const api = await faceApi();
  let loading = extraLoading.get(net);
  if (!loading) {
    loading = api.nets[net].loadFromDisk(modelDir()).catch((e: unknown) => {
      extraLoading.delete(net);
      throw new SafeError('internal', `the ${net} model files could not be read; reinstall the application`, { cause: e });
    });
    extraLoading.set(net, loading);
  }
  await loading;
  return api;
}

type Listeners = { [K in 'uncaughtException' | 'unhandledRejection']: ((...args: unknown[]) => void)[] };

function snapshotListeners(): Listeners {
  return {
    uncaughtException: process.listeners('uncaughtException') as Listeners['uncaughtException'],
    unhandledRejection: process.listeners('unhandledRejection') as Listeners['unhandledRejection'],
  };
}

// The two handlers tfjs-backend-wasm's emscripten glue installs, known by their code
// (`if (!(ex instanceof ExitStatus)) throw ex` and `throw reason`): only those are removed, so a
// listener that other code adds while the model loads stays where its owner put it.
const glueHandler = /\bExitStatus\b|^function\s*\(reason\)\s*\{\s*throw reason;?\s*\}$/;

function removeGlueHandlersAddedSince(before: Listeners): void {
  const added = (event: keyof Listeners) =>
    (process.listeners(event as 'uncaughtException') as Listeners[typeof event]).filter(
      (l) => !before[event].includes(l) && glueHandler.test(String(l)),
    );
  for (const l of added('uncaughtException')) process.removeListener('uncaughtException', l);
  for (const l of added('unhandledRejection')) process.removeListener('unhandledRejection', l);
}
