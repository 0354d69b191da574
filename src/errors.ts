// Errors are values a person can act on: a stable code for programs and a sentence for people.

import type { ErrorCode, ErrorView } from './contract/index.js';

export type { ErrorCode, ErrorView };

/**
 * An error a person can act on: a stable `code` for programs (the CLI maps it to an exit code, the
 * app to a translated sentence) and a `message` for people.
 * @example
 * throw new SafeError('too-large', 'the file is 300.0 MB, above the 200.0 MB limit');
 */
export class SafeError extends Error {
  readonly code: ErrorCode;
  /** Values a translated sentence may name (see ErrorView). */
  readonly values?: Record<string, string>;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; values?: Record<string, string> }) {
    super(message, options);
    this.code = code;
    this.name = 'SafeError';
    if (options?.values) this.values = options.values;
  }
}

/**
 * Whether something thrown is one of the engine's errors (a code and a sentence a person can act on).
 * @param e anything caught
 * @returns true for a SafeError
 * @example
 * try { resolveOptions({ quality: 5 }); } catch (e) { if (isSafeError(e)) console.error(e.code, e.message); }
 */
export function isSafeError(e: unknown): e is SafeError {
  return e instanceof SafeError;
}

/** The plain form every door receives (results, IPC, JSON). */
export function errorView(e: unknown): ErrorView {
  const err = toSafeError(e);
  return err.values ? { code: err.code, message: err.message, values: err.values } : { code: err.code, message: err.message };
}

/** Turns anything thrown into a SafeError without losing a useful message. */
export function toSafeError(e: unknown): SafeError {
  if (e instanceof SafeError) return e;
  const err = e as NodeJS.ErrnoException | undefined;
  switch (err?.code) {
    case 'ENOENT':
      return new SafeError('not-found', 'the file does not exist', { cause: e });
    case 'EACCES':
    case 'EPERM':
      return new SafeError('unreadable', 'permission denied', { cause: e });
    case 'EISDIR':
      return new SafeError('not-a-file', 'this is a folder, not a file', { cause: e });
    case 'ENOSPC':
    case 'EDQUOT':
      return new SafeError('no-space', 'the disk is full', { cause: e });
  }
  const message = err instanceof Error ? err.message : String(e);
  return new SafeError('internal', `unexpected error: ${message}`, { cause: e });
}
