// integration.json lives where anything may edit it: uninstall (and a re-install) act only on entries
// that name what install writes on this machine. Anything else is refused and left alone.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { install, uninstall } from '../../cli/integrate/install.js';
import type { Offer } from '../../cli/integrate/launcher.js';
import { manifestPath, type Host } from '../../cli/integrate/manifest.js';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const launcher = { node: '/usr/bin/node', script: '/opt/share-safely/dist/cli/main.js' };
const offer: Offer = { lang: 'en', variants: ['share', 'review'] };

function edit(host: Host, change: (m: { entries: unknown[] }) => void): void {
  const file = manifestPath(host);
  const m = JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
  change(m);
  writeFileSync(file, JSON.stringify(m));
}

describe('an edited integration manifest', () => {
  it('on Linux: a file entry naming a file of the user is refused, ours are still removed', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'manifest-trust-'));
    const host: Host = {
      platform: 'linux',
      home,
      env: { XDG_CONFIG_DIRS: path.join(home, 'none') },
      run: async () => ({ code: 0, stdout: '', stderr: '' }),
    };
    const precious = path.join(home, 'Documents', 'taxes.txt');
    mkdirSync(path.dirname(precious), { recursive: true });
    writeFileSync(precious, 'mine');
    const [installed] = await install(['nautilus'], launcher, host, offer);
    expect(installed.ok).toBe(true);
    const script = path.join(home, '.local', 'share', 'nautilus', 'scripts', 'Share safely');
    expect(existsSync(script)).toBe(true);
    edit(host, (m) => m.entries.push({ kind: 'file', target: 'nautilus', path: precious, sha256: sha256('mine') }));

    const [report] = await uninstall(['nautilus'], host);
    expect(readFileSync(precious, 'utf8')).toBe('mine');
    expect(report.lines).toContain(`refused: ${precious} is not something Share Safely installs; left alone`);
    expect(report.ok).toBe(false);
    expect(existsSync(script)).toBe(false);
  });

  it('entries named in the language of an earlier install, or a review entry no longer offered, are still ours', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'manifest-trust-'));
    const host: Host = { platform: 'linux', home, env: {}, run: async () => ({ code: 0, stdout: '', stderr: '' }) };
    const scripts = path.join(home, '.local', 'share', 'nautilus', 'scripts');
    await install(['nautilus'], launcher, host, { lang: 'fr', variants: ['share', 'review'] });
    expect(existsSync(path.join(scripts, 'Vérifier et partager en sécurité'))).toBe(true);
    // Re-installed in English without the desktop app: the French scripts go, the English one comes.
    const [again] = await install(['nautilus'], launcher, host, { lang: 'en', variants: ['share'] });
    expect(again.ok).toBe(true);
    expect(readdirSync(scripts)).toEqual(['Share safely']);
    const [report] = await uninstall(['nautilus'], host);
    expect(report.ok).toBe(true);
    expect(existsSync(path.join(scripts, 'Share safely'))).toBe(false);
  });

  it('a manifest of the wrong shape is not acted on at all', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'manifest-trust-'));
    const host: Host = { platform: 'linux', home, env: {}, run: async () => ({ code: 0, stdout: '', stderr: '' }) };
    const precious = path.join(home, 'notes.txt');
    writeFileSync(precious, 'mine');
    mkdirSync(path.dirname(manifestPath(host)), { recursive: true });
    const forged = {
      version: 1,
      launcher,
      entries: [{ kind: 'file', target: 'nautilus', path: precious, sha256: 'not a digest' }],
      createdDirs: [],
    };
    writeFileSync(manifestPath(host), JSON.stringify(forged));
    const [report] = await uninstall(['nautilus'], host);
    expect(report.lines).toEqual(['nothing installed']);
    expect(readFileSync(precious, 'utf8')).toBe('mine');
  });

  it('on Windows: registry keys install did not write are never put in a .reg file to delete; its own still go', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'manifest-trust-win-'));
    const imports: string[] = [];
    const host: Host = {
      platform: 'win32',
      home,
      env: { APPDATA: path.join(home, 'AppData', 'Roaming') },
      run: async (_command, args) => {
        imports.push(readFileSync(args[1]).subarray(2).toString('utf16le'));
        return { code: 0, stdout: '', stderr: '' };
      },
    };
    await install(['explorer'], launcher, host, offer);
    const foreign = 'Software\\Classes\\txtfile\\shell\\open';
    edit(host, (m) => (m.entries[0] as { keys: string[] }).keys.push(foreign));

    // A re-install removes its older keys first: only ours.
    await install(['explorer'], launcher, host, offer);
    expect(imports[1]).not.toContain('txtfile');
    edit(host, (m) => (m.entries[0] as { keys: string[] }).keys.push(foreign));
    const [report] = await uninstall(['explorer'], host);
    expect(report.lines).toContain(
      `refused: HKEY_CURRENT_USER\\Software\\Classes\\${foreign} is not something Share Safely installs; left alone`,
    );
    expect(imports).toHaveLength(3);
    expect(imports[2]).not.toContain('txtfile');
    // Its own keys still go.
    expect(imports[2]).toContain('[-HKEY_CURRENT_USER\\Software\\Classes\\Directory\\shell\\ShareSafely]');
    expect(report.lines.at(-1)).toMatch(/^removed \d+ verbs from HKEY_CURRENT_USER/);
  });
});
