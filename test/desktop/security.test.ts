// Electron's security checklist, asserted on the code that really configures the app: the window's
// options, the page's policy, which requests and navigations are allowed, what the app scheme serves,
// and which way the desktop code imports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAppUrl, START_URL } from '../../electron/main/app-origin.js';
import { resolveAppFile } from '../../electron/main/app-protocol.js';
import { allowNavigation, decidePermission, decideRequest, RequestLog } from '../../electron/main/request-guard.js';
import { webPreferences, windowOptions } from '../../electron/main/window-options.js';
import { root } from './browser-host.js';

const electronDir = path.join(root, 'electron');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.c?ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Module specifiers of value imports (type-only imports vanish at compile time). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('the window', () => {
  it('is created isolated, sandboxed, without Node, with the preload as its only bridge', () => {
    const o = windowOptions('/app/preload.cjs', 'Share Safely');
    expect(o.webPreferences).toEqual(webPreferences('/app/preload.cjs'));
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(o.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(windowOptions('/p', 't', true).webPreferences?.devTools).toBe(true);
  });

  it('serves a page whose policy allows no remote origin and no inline script', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
    // The same policy in the page itself, and no inline script or handler in it.
    const html = readFileSync(path.join(electronDir, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('knows its own origin exactly', () => {
    expect(isAppUrl(START_URL)).toBe(true);
    for (const url of [
      'app://share-safely.evil/index.html',
      'apps://share-safely/x',
      'https://share-safely/index.html',
      'file:///index.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('main.ts, the Electron glue', () => {
  const main = readFileSync(path.join(electronDir, 'main', 'main.ts'), 'utf8');
  it('creates its one window from windowOptions and locks the session and every page down', () => {
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(main).toContain('new BrowserWindow(windowOptions(files.preload');
    expect(main).toContain('guardSession(session.defaultSession');
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => guardContents(contents))");
    expect(main).toContain('utilityProcess.fork(files.engineHost');
    expect(main).toMatch(
      /ipcMain\.handle\(channel, \(event, \.\.\.args: unknown\[\]\) => \{\s*\/\/[^\n]*\n\s*if \(!event\.senderFrame \|\| !isAppUrl\(event\.senderFrame\.url\)\)/,
    );
  });

  it('uses no remote module, no webview, no shell.openExternal', () => {
    for (const file of sources(electronDir)) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@electron\/remote|enableRemoteModule|<webview|openExternal|allowpopups/);
    }
  });
});

describe('requests, permissions and navigation', () => {
  it('allows the app files and in-memory images, blocks everything else', () => {
    expect(decideRequest(`${APP_ORIGIN}/app.js`).allow).toBe(true);
    expect(decideRequest('blob:app://share-safely/6f1c').allow).toBe(true);
    expect(decideRequest('data:image/png;base64,AAAA').allow).toBe(true);
    for (const url of [
      'https://example.com/x.png',
      'http://127.0.0.1:8080/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'app://other-host/x',
      '::',
    ]) {
      expect(decideRequest(url).allow, url).toBe(false);
    }
    expect(decideRequest('https://example.com/').reason).toBe('network');
  });

  it('logs each blocked request without its query string', () => {
    const lines: string[] = [];
    const log = new RequestLog((l) => lines.push(l), 2);
    log.record(
      { url: 'https://tracker.example/p?gps=48.85,2.35', method: 'GET', resourceType: 'image', reason: 'network' },
      new Date('2024-05-03T12:00:00Z'),
    );
    log.record({ url: 'https://a.example/1', method: 'POST', resourceType: 'xhr', reason: 'network' });
    log.record({ url: 'https://b.example/2', method: 'GET', resourceType: 'script', reason: 'network' });
    expect(lines[0]).toBe('2024-05-03T12:00:00.000Z blocked GET https://tracker.example/p (image, network)\n');
    expect(lines.join('')).not.toContain('48.85');
    expect(log.entries.map((e) => e.url)).toEqual(['https://a.example/1', 'https://b.example/2']);
  });

  it('refuses every permission and every navigation away', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(decidePermission(p)).toBe(false);
    expect(allowNavigation(START_URL, START_URL)).toBe(true);
    expect(allowNavigation('https://example.com/', START_URL)).toBe(false);
    expect(allowNavigation(`${APP_ORIGIN}/other.html`, START_URL)).toBe(false);
    expect(allowNavigation('file:///home/ann/photo.jpg', START_URL)).toBe(false);
  });
});

describe('the app:// scheme', () => {
  const dir = '/opt/share-safely/dist';
  it('serves the renderer and the contract it shares with the other doors, with their type', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/`, dir)).toEqual({
      file: `${dir}/electron/renderer/index.html`,
      type: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(START_URL, dir)).toEqual({ file: `${dir}/electron/renderer/index.html`, type: 'text/html; charset=utf-8' });
    expect(resolveAppFile(`${APP_ORIGIN}/src/contract/i18n/fr.js`, dir)).toEqual({
      file: `${dir}/src/contract/i18n/fr.js`,
      type: 'text/javascript; charset=utf-8',
    });
  });

  it('serves nothing outside those two folders, nothing of an unknown type, nothing for another host', () => {
    // However a path is spelled, what is served stays inside the two folders: never the engine, the CLI or main.
    for (const url of [
      `${APP_ORIGIN}/../../../etc/passwd.js`,
      `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd.js`,
      `${APP_ORIGIN}/..%2f..%2fsecret.js`,
      `${APP_ORIGIN}/electron/renderer/../main/main.js`,
    ]) {
      const found = resolveAppFile(url, dir);
      expect(
        found === null || found.file.startsWith(`${dir}/electron/renderer/`) || found.file.startsWith(`${dir}/src/contract/`),
        url,
      ).toBe(true);
    }
    for (const url of [
      `${APP_ORIGIN}/src/index.js`,
      `${APP_ORIGIN}/cli/main.js`,
      `${APP_ORIGIN}/electron/main/main.js`,
      `${APP_ORIGIN}/electron/preload/preload.cjs`,
      `${APP_ORIGIN}/src/contract/../pipeline.js`,
    ]) {
      expect(resolveAppFile(url, dir), url).toBeNull();
    }
    for (const url of [
      `${APP_ORIGIN}/a%00.js`,
      `${APP_ORIGIN}/%E0%A4%A.js`,
      `${APP_ORIGIN}/..%5c..%5csecret.js`,
      `${APP_ORIGIN}/photo.jpg`,
      `${APP_ORIGIN}/app.ts`,
      'app://elsewhere/index.html',
      'https://share-safely/index.html',
    ]) {
      expect(resolveAppFile(url, dir), url).toBeNull();
    }
  });
});

describe('import direction', () => {
  it('renderer code imports only renderer code and the contract (src/contract: words, codes, types)', () => {
    for (const file of sources(path.join(electronDir, 'renderer'))) {
      for (const spec of valueImports(file)) expect(spec, file).toMatch(/^(\.\/(?!.*\.\.\/)|\.\.\/\.\.\/src\/contract\/)/);
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '(\.\.\/)+src\/(?!contract\/)|from 'electron'|from 'node:/);
    }
  });

  it('the preload requires nothing but electron; main reaches the engine only through src/index.js (and the contract)', () => {
    expect(valueImports(path.join(electronDir, 'preload', 'preload.cts'))).toEqual(['electron']);
    for (const file of sources(path.join(electronDir, 'main'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '((?:\.\.\/)+src\/[^']*)'/g))
        expect(m[1], file).toMatch(/^\.\.\/\.\.\/src\/(index\.js|contract\/)/);
      expect(text, file).not.toMatch(/from '\.\.\/renderer\//);
    }
    // Only the engine host's module loads the engine's code at run time; main's process does not.
    const loadsEngine = sources(path.join(electronDir, 'main')).filter((f) => valueImports(f).some((s) => s.includes('src/index.js')));
    expect(loadsEngine.map((f) => path.basename(f))).toEqual(['engine-service.ts']);
  });

  it('no network API anywhere in the desktop code', () => {
    for (const file of sources(electronDir)) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /\bfetch\(|XMLHttpRequest|WebSocket|from 'node:(http|https|net|dns|tls|dgram)'|\bnet\.request|EventSource/,
      );
    }
  });
});
