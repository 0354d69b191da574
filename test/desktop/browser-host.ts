// Runs the desktop app's renderer as a real page in Debian's Chromium, wired to the app's real
// main-side logic (createDesktop: the IPC handlers, validation, allowlist) and a real engine host
// process (electron/main/engine-host.ts forked under Node instead of Electron's utility process).
// Only Electron's own transport is replaced: the compiled preload runs in the page with a stand-in
// for require('electron') whose ipcRenderer.invoke calls the handlers through page.exposeFunction.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AppEvent, Channel } from '../../src/contract/bridge.js';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../electron/main/app-origin.js';
import { resolveAppFile } from '../../electron/main/app-protocol.js';
import { createDesktop, type Desktop, type Dialogs } from '../../electron/main/desktop.js';
import { EngineClient, type EnginePort } from '../../electron/main/engine-client.js';
import type { EngineReply, EngineRequest } from '../../electron/main/engine-protocol.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist', 'electron');
/** Stands in for app://share-safely: an origin that cannot resolve, served by the test itself. */
export const TEST_ORIGIN = 'https://share-safely.invalid';

/** Compiles the preload and the renderer exactly as `npm run build:desktop` does. */
export function buildWindowCode(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  for (const project of ['electron/preload/tsconfig.json', 'electron/renderer/tsconfig.json']) {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, project)], { stdio: 'inherit' });
  }
  execFileSync(process.execPath, [path.join(root, 'electron', 'copy-renderer-assets.mjs')], { stdio: 'inherit' });
}

/** The engine host as a Node child process (the app runs the same module as an Electron utility process). */
export function forkEngineHost(configDir: string, onChild?: (child: ChildProcess) => void): EnginePort {
  const child = fork(path.join(root, 'electron', 'main', 'engine-host.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    env: { ...process.env, SHARE_SAFELY_CONFIG_DIR: configDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onChild?.(child);
  return {
    post: (request: EngineRequest) => child.send(request),
    onReply: (listener) => child.on('message', (m) => listener(m as EngineReply)),
    onExit: (listener) => child.on('exit', () => listener()),
    kill: () => void child.kill(),
  };
}

// Bytes cross the Playwright boundary as base64 (its serialiser has no typed arrays), both ways.
function encode(v: unknown): unknown {
  if (v instanceof Uint8Array) return { __bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

/** The page side: the compiled preload, given a stand-in for require('electron'). */
function preloadHarness(preloadSource: string, dropDir: string): string {
  return `(() => {
  const decode = (v) => {
    if (Array.isArray(v)) return v.map(decode);
    if (v && typeof v === 'object') {
      if (typeof v.__bytes === 'string') return Uint8Array.from(atob(v.__bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
    return v;
  };
  const listeners = [];
  window.__emit = (payload) => { for (const l of listeners) l({}, decode(payload)); };
  const electron = {
    contextBridge: { exposeInMainWorld: (name, api) => Object.defineProperty(window, name, { value: Object.freeze(api) }) },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__ipc(channel, args).then(decode),
      on: (channel, listener) => { if (channel === 'app:event') listeners.push(listener); },
    },
    // Electron resolves a dropped File to its disk path; here every dropped name lives in one folder.
    webUtils: { getPathForFile: (file) => ${JSON.stringify(dropDir)} + '/' + file.name },
  };
  const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload cannot require ' + name); };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

export interface Host {
  page: Page;
  context: BrowserContext;
  desktop: Desktop;
  engine: EngineClient;
  /** Every URL the page asked for, in order, and why a request failed (e.g. 'csp'). */
  requests: string[];
  failures: Map<string, string>;
  /** Requests that got past the page's own policy to the network layer and were not the app's files. */
  stopped: string[];
  /** Arguments each handler was called with, and every event sent to the window. */
  calls: { channel: Channel; args: unknown[]; reply?: unknown }[];
  events: AppEvent[];
  shell: { shown: string[]; copied: number };
  close(): Promise<void>;
}

export interface HostOptions {
  /** The folder dropped names resolve in. */
  dropDir: string;
  configDir: string;
  locale: string;
  dialogs?: Partial<Dialogs>;
}

export async function startHost(o: HostOptions): Promise<Host> {
  const engine = new EngineClient(() => forkEngineHost(o.configDir));
  const events: AppEvent[] = [];
  const calls: Host['calls'] = [];
  const shell = { shown: [] as string[], copied: 0 };
  let page: Page | undefined;
  let sending: Promise<unknown> = Promise.resolve();
  const desktop = await createDesktop({
    engine,
    dialogs: { openPhotos: async () => [], openFolder: async () => [], chooseOutputFolder: async () => null, ...o.dialogs },
    shell: { showInFolder: (f) => void shell.shown.push(f), copyImage: async (png) => void (shell.copied = png.length) },
    // Events go out one after another, in the order main sent them.
    send: (e) => {
      events.push(e);
      const payload = encode(e);
      sending = sending
        .then(() => page?.evaluate((p) => (window as unknown as { __emit(p: unknown): void }).__emit(p), payload))
        .catch(() => undefined);
    },
    locale: o.locale,
  });

  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'ss-chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: o.locale,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  const failures = new Map<string, string>();
  const stopped: string[] = [];
  context.on('request', (r) => void requests.push(r.url()));
  context.on('requestfailed', (r) => void failures.set(r.url(), r.failure()?.errorText ?? '?'));
  const webRoot = path.join(root, 'dist');
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const found = url.startsWith(`${TEST_ORIGIN}/`) ? resolveAppFile(APP_ORIGIN + url.slice(TEST_ORIGIN.length), webRoot) : null;
    if (!found) {
      stopped.push(url);
      return route.abort('blockedbyclient');
    }
    await route.fulfill({
      status: 200,
      body: await readFile(found.file),
      headers: { 'Content-Type': found.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.exposeFunction('__ipc', async (channel: Channel, args: unknown[]) => {
    const call: Host['calls'][number] = { channel, args };
    calls.push(call);
    call.reply = await desktop.handlers[channel](...args);
    return encode(call.reply);
  });
  await page.addInitScript(preloadHarness(readFileSync(path.join(dist, 'preload', 'preload.cjs'), 'utf8'), o.dropDir));
  await page.goto(`${TEST_ORIGIN}/electron/renderer/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return {
    page,
    context,
    desktop,
    engine,
    requests,
    failures,
    stopped,
    calls,
    events,
    shell,
    close: async () => {
      await context.close();
      engine.close();
    },
  };
}

/** Drops the named entries of the drop folder on the window, as a file manager would. */
export async function dropFiles(page: Page, names: string[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const name of list) dt.items.add(new File([], name));
    const init = { dataTransfer: dt, bubbles: true, cancelable: true };
    document.body.dispatchEvent(new DragEvent('dragenter', init));
    document.body.dispatchEvent(new DragEvent('dragover', init));
    document.body.dispatchEvent(new DragEvent('drop', init));
  }, names);
}
