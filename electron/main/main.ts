// Electron's main process: the thin glue between Electron and the plain modules beside it.
// Everything worth testing (window options, request and navigation rules, argument checks, the
// allowlist, the handlers) lives in those modules; this file only wires them to Electron.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import type { AppEvent, Channel, Language, MenuCommand } from '../../src/contract/bridge.js';
import { APP_SCHEME, isAppUrl, START_URL } from './app-origin.js';
import { createDesktop, type Dialogs } from './desktop.js';
import { EngineClient, type EnginePort } from './engine-client.js';
import type { EngineReply } from './engine-protocol.js';
import { photoExtensions } from './file-types.js';
import { LaunchQueue, pathsFromArgv, pathsFromHandOver, type HandOver } from './launch-args.js';
import { pickLanguage } from '../../src/contract/index.js';
import { menuTemplate } from './menu.js';
import { RequestLog } from './request-guard.js';
import { guardContents, guardSession } from './session-guard.js';
import { windowOptions } from './window-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = {
  preload: path.join(here, '..', 'preload', 'preload.cjs'),
  /** The compiled app (dist/): the window may load its renderer and contract folders only (app-protocol.ts). */
  web: path.join(here, '..', '..'),
  engineHost: path.join(here, 'engine-host.js'),
};
const devTools = !app.isPackaged;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.commandLine.appendSwitch('disable-background-networking');

const launch = new LaunchQueue();
const argvPaths = (argv: string[], cwd: string) => pathsFromArgv(argv, { cwd, defaultApp: process.defaultApp === true });
const handOver: HandOver = { files: argvPaths(process.argv, process.cwd()) };
let window: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock(handOver)) {
  // The running window takes this launch's photos (second-instance below); nothing else to do.
  app.quit();
} else {
  launch.push(handOver.files);
  app.on('open-file', (event, file) => {
    event.preventDefault();
    launch.push([file]);
  });
  app.on('second-instance', (_event, argv, cwd, data) => {
    launch.push(pathsFromHandOver(data) ?? argvPaths(argv, cwd));
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(ready, (e: unknown) => {
    console.error('Share Safely could not start:', e);
    app.exit(1);
  });
}

function startEngineHost(): EnginePort {
  const child = utilityProcess.fork(files.engineHost, [], { serviceName: 'Share Safely engine', stdio: 'inherit' });
  return {
    post: (request) => child.postMessage(request),
    onReply: (listener) => child.on('message', (reply: EngineReply) => listener(reply)),
    onExit: (listener) => child.on('exit', () => listener()),
    kill: () => void child.kill(),
  };
}

function blockedRequestLog(): RequestLog {
  const dir = app.getPath('logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'blocked-requests.log');
  return new RequestLog((line) => {
    console.warn(`Share Safely ${line.trimEnd()}`);
    appendFileSync(file, line);
  });
}

function dialogs(): Dialogs {
  const pick = async (properties: Electron.OpenDialogOptions['properties']) => {
    const options: Electron.OpenDialogOptions = { properties, filters: [{ name: 'Photos', extensions: [...photoExtensions] }] };
    const r = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  };
  return {
    openPhotos: () => pick(['openFile', 'multiSelections']),
    openFolder: () => pick(['openDirectory', 'multiSelections']),
    chooseOutputFolder: async () => (await pick(['openDirectory', 'createDirectory']))[0] ?? null,
  };
}

async function ready(): Promise<void> {
  guardSession(session.defaultSession, files.web, blockedRequestLog());
  const locale = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
  const send = (event: AppEvent) => window?.webContents.send('app:event', event);
  const setMenu = (lang: Language | undefined) => {
    const run = (command: MenuCommand) => send({ type: 'menu', command });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(pickLanguage(lang, locale), process.platform, run, devTools)));
  };
  const engine = new EngineClient(startEngineHost);
  app.on('will-quit', () => engine.close());
  const desktop = await createDesktop({
    engine,
    dialogs: dialogs(),
    shell: {
      showInFolder: (file) => shell.showItemInFolder(file),
      copyImage: (png) => clipboard.write([new ClipboardItem({ 'image/png': new Blob([Buffer.from(png)], { type: 'image/png' }) })]),
    },
    send,
    locale,
    onSettings: (s) => setMenu(s.language),
  });
  for (const [channel, handler] of Object.entries(desktop.handlers) as [Channel, (...args: unknown[]) => Promise<unknown>][]) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      // Only the app's own page may call in (not a frame or page that got in some other way).
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) throw new Error('refused: the request does not come from the app window');
      return handler(...args);
    });
  }
  setMenu(desktop.settings().language);
  // electronegativity cannot see through windowOptions(): it sets contextIsolation and sandbox to true and
  // disables Auxclick (window-options.ts), and test/desktop/security.test.ts asserts exactly that.
  window = new BrowserWindow(windowOptions(files.preload, 'Share Safely', devTools)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = undefined));
  window.webContents.once('did-finish-load', () => launch.open((paths) => void desktop.addFromSystem(paths)));
  await window.loadURL(START_URL);
}
