// What main asks of the engine host (a separate process, so the window never waits on the
// detector), and the messages that carry it. Only plain data crosses: structured-clone safe.
import type { Analysis, Placement, Skipped } from '../../src/index.js';
import type { Cover, ExportOutcome, ImageBytes, PhotoState, SettingsView } from '../../src/contract/bridge.js';
import { errorCodes, type ErrorCode, type ErrorView } from '../../src/contract/index.js';

export interface Collection {
  items: Placement[];
  problems: { path: string; code: ErrorCode; message: string }[];
  skipped: Skipped[];
  skippedFolders: number;
}

export interface Analysed {
  /** Kept by main, handed back for preview and export; no preview bytes inside. */
  analysis: Analysis;
  photo: Extract<PhotoState, { state: 'ready' }>;
}

export interface Exported {
  outcome: Omit<ExportOutcome, 'id'>;
  /** The written copy's path (kept by main for "show in folder" and "copy"). */
  output?: string;
}

export interface Engine {
  loadSettings(): Promise<SettingsView>;
  saveSettings(settings: SettingsView): Promise<SettingsView>;
  collect(paths: string[], settings: SettingsView): Promise<Collection>;
  analyze(placement: Placement, settings: SettingsView): Promise<Analysed>;
  preview(analysis: Analysis, cover: Cover, settings: SettingsView): Promise<ImageBytes>;
  exportPhoto(analysis: Analysis, cover: Cover, settings: SettingsView, placement: Placement): Promise<Exported>;
  /** The written copy as PNG bytes for the clipboard (pixels only). */
  clipboardImage(output: string): Promise<Uint8Array>;
}

export type EngineOp = keyof Engine;

export interface EngineRequest {
  id: number;
  op: EngineOp;
  args: unknown[];
}

export type EngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorView };

const engineOps: readonly EngineOp[] = ['loadSettings', 'saveSettings', 'collect', 'analyze', 'preview', 'exportPhoto', 'clipboardImage'];

/** An error the engine reported, with its stable code. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly values?: Record<string, string>,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Anything thrown, as the plain error every door understands (an unknown code is 'internal'). */
export function errorOf(e: unknown): ErrorView {
  const err = e as { code?: unknown; message?: unknown; values?: unknown };
  const code = errorCodes.includes(err?.code as ErrorCode) ? (err.code as ErrorCode) : 'internal';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const values = err?.values && typeof err.values === 'object' ? (err.values as Record<string, string>) : undefined;
  return values ? { code, message, values } : { code, message };
}

/** Runs one request against an engine; never rejects (a failure is a reply). */
export async function answer(engine: Engine, request: EngineRequest): Promise<EngineReply> {
  const id = request?.id;
  if (typeof id !== 'number' || !engineOps.includes(request.op) || !Array.isArray(request.args)) {
    return { id: typeof id === 'number' ? id : -1, ok: false, error: { code: 'internal', message: 'malformed request to the engine' } };
  }
  try {
    const method = engine[request.op] as (...args: unknown[]) => Promise<unknown>;
    return { id, ok: true, value: await method.apply(engine, request.args) };
  } catch (e) {
    return { id, ok: false, error: errorOf(e) };
  }
}
