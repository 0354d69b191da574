// Main's side of the engine host: each call becomes a message, each reply settles its promise.
// If the host dies, the calls in flight fail with a sentence and the next call starts a new host.
import type { Analysis, Placement } from '../../src/index.js';
import type { Cover, ImageBytes, SettingsView } from '../../src/contract/bridge.js';
import {
  EngineError,
  type Analysed,
  type Collection,
  type Engine,
  type EngineOp,
  type EngineReply,
  type EngineRequest,
  type Exported,
} from './engine-protocol.js';

/** A running host process, whatever carries the messages (utility process, child process). */
export interface EnginePort {
  post(request: EngineRequest): void;
  onReply(listener: (reply: EngineReply) => void): void;
  onExit(listener: () => void): void;
  kill(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class EngineClient implements Engine {
  private port: EnginePort | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly connect: () => EnginePort) {}

  private ensurePort(): EnginePort {
    if (this.port) return this.port;
    const port = this.connect();
    port.onReply((reply) => this.settle(reply));
    port.onExit(() => {
      if (this.port === port) this.port = undefined;
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.reject(new EngineError('internal', 'the photo engine stopped unexpectedly; try again'));
    });
    this.port = port;
    return port;
  }

  private settle(reply: EngineReply): void {
    const p = this.pending.get(reply?.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new EngineError(reply.error.code, reply.error.message, reply.error.values));
  }

  private call<T>(op: EngineOp, args: unknown[]): Promise<T> {
    const port = this.ensurePort();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.post({ id, op, args });
    });
  }

  /** Calls not yet answered (a test checks nothing is left hanging). */
  get inFlight(): number {
    return this.pending.size;
  }

  close(): void {
    this.port?.kill();
    this.port = undefined;
  }

  loadSettings(): Promise<SettingsView> {
    return this.call('loadSettings', []);
  }
  saveSettings(settings: SettingsView): Promise<SettingsView> {
    return this.call('saveSettings', [settings]);
  }
  collect(paths: string[], settings: SettingsView): Promise<Collection> {
    return this.call('collect', [paths, settings]);
  }
  analyze(placement: Placement, settings: SettingsView): Promise<Analysed> {
    return this.call('analyze', [placement, settings]);
  }
  preview(analysis: Analysis, cover: Cover, settings: SettingsView): Promise<ImageBytes> {
    return this.call('preview', [analysis, cover, settings]);
  }
  exportPhoto(analysis: Analysis, cover: Cover, settings: SettingsView, placement: Placement): Promise<Exported> {
    return this.call('exportPhoto', [analysis, cover, settings, placement]);
  }
  clipboardImage(output: string): Promise<Uint8Array> {
    return this.call('clipboardImage', [output]);
  }
}
