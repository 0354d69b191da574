// Windows and macOS entries, checked structurally on Linux: install/uninstall run for real against a
// temporary home, with the system tools (reg.exe, pbs) replaced by a recorder. The .reg files are
// parsed and their command lines split as Windows splits them; the Quick Action plists are parsed
// by Python's plistlib and their shell script is run with /bin/sh.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { install, uninstall } from '../../cli/integrate/install.js';
import { encodeRegFile } from '../../cli/integrate/windows.js';
import type { Host } from '../../cli/integrate/manifest.js';
import { imageExtensions } from '../../src/index.js';
import { makeStubs, run } from './launch.js';

const root = mkdtempSync(path.join(tmpdir(), 'share-safely-winmac-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** CommandLineToArgvW / the Microsoft C runtime: how node.exe splits its command line. */
function windowsArgv(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2) cur += '"';
        else quoted = !quoted;
      } else {
        cur += '\\'.repeat(n);
        i--;
      }
      started = true;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (started) args.push(cur);
      cur = '';
      started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (started) args.push(cur);
  return args;
}

interface RegSection {
  key: string;
  remove: boolean;
  values: Record<string, string>;
}

/** A .reg file as regedit reads it: UTF-16LE with a BOM, [keys], [-keys], "name"="value" / @="value". */
function parseReg(bytes: Buffer): { header: string; sections: RegSection[] } {
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  const lines = bytes.subarray(2).toString('utf16le').split('\r\n');
  const sections: RegSection[] = [];
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const key = /^\[(-?)(.+)\]$/.exec(line);
    if (key) {
      sections.push({ key: key[2], remove: key[1] === '-', values: {} });
      continue;
    }
    const value = /^(@|"((?:[^"\\]|\\.)*)")="((?:[^"\\]|\\.)*)"$/.exec(line);
    expect(value, `not a REG_SZ line: ${line}`).not.toBeNull();
    sections.at(-1)!.values[value![1] === '@' ? '' : unescape(value![2])] = unescape(value![3]);
  }
  return { header: lines[0], sections };
}

describe('Windows Explorer verbs (HKCU, via reg import)', () => {
  const home = path.join(root, 'win');
  const appData = path.join(home, 'AppData', 'Roaming');
  const imports: Buffer[] = [];
  let regExit = 0;
  // What `reg export KEY FILE /y` finds, by key; a key not here does not exist.
  const registry = new Map<string, string>();
  const host: Host = {
    platform: 'win32',
    home,
    env: { APPDATA: appData, LOCALAPPDATA: path.join(home, 'AppData', 'Local') },
    run: async (command, args) => {
      expect(command).toBe('reg');
      if (args[0] === 'export') {
        expect(args[3]).toBe('/y');
        const text = registry.get(args[1]);
        if (text === undefined)
          return { code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
        writeFileSync(args[2], encodeRegFile(`Windows Registry Editor Version 5.00\r\n\r\n${text}`));
        return { code: 0, stdout: '', stderr: '' };
      }
      expect(args[0]).toBe('import');
      imports.push(readFileSync(args[1]));
      return { code: regExit, stdout: '', stderr: regExit ? 'ERROR: Access is denied.' : '' };
    },
  };
  const launcher = {
    node: 'C:\\Program Files\\nodejs\\node.exe',
    script: 'C:\\Users\\Léa Müller\\AppData\\Roaming\\npm\\node_modules\\share-safely\\dist\\cli\\main.js',
  };
  const classes = 'HKEY_CURRENT_USER\\Software\\Classes';
  const verbs = [
    ...imageExtensions.flatMap((ext) => [
      `SystemFileAssociations\\.${ext}\\shell\\ShareSafely`,
      `SystemFileAssociations\\.${ext}\\shell\\ShareSafely.Review`,
    ]),
    'Directory\\shell\\ShareSafely',
    'Directory\\shell\\ShareSafely.Review',
  ].map((k) => `${classes}\\${k}`);

  it('writes a verb and a command per image type and for folders, with %1 / %V in double quotes', async () => {
    mkdirSync(home, { recursive: true });
    const [report] = await install(['explorer'], launcher, host, { lang: 'en', variants: ['share', 'review'] });
    expect(report.ok).toBe(true);
    expect(imports.length).toBe(1);
    const reg = parseReg(imports[0]);
    expect(reg.header).toBe('Windows Registry Editor Version 5.00');
    expect(reg.sections.every((s) => s.key.startsWith(`${classes}\\`))).toBe(true);
    // Older copies of ours go first, so installing again leaves no stale value.
    expect(
      reg.sections
        .filter((s) => s.remove)
        .map((s) => s.key)
        .sort(),
    ).toEqual([...verbs].sort());
    const added = reg.sections.filter((s) => !s.remove);
    expect(added.map((s) => s.key).sort()).toEqual([...verbs, ...verbs.map((v) => `${v}\\command`)].sort());
    for (const verb of verbs) {
      const review = verb.endsWith('.Review');
      const folder = verb.includes('Directory');
      const values = added.find((s) => s.key === verb)!.values;
      expect(values).toEqual({ MUIVerb: review ? 'Review and share safely' : 'Share safely', MultiSelectModel: 'Player' });
      const command = added.find((s) => s.key === `${verb}\\command`)!.values[''];
      expect(command.endsWith(folder ? ' "%V"' : ' "%1"')).toBe(true);
      expect(windowsArgv(command)).toEqual([
        launcher.node,
        launcher.script,
        'action',
        ...(review ? ['--review'] : []),
        '--gather',
        '--',
        folder ? '%V' : '%1',
      ]);
    }
    // The .reg file is a means, not a leftover.
    expect(readdirSync(path.join(appData, 'Share Safely'))).toEqual(['integration.json']);
  });

  it('installing twice writes the same file', async () => {
    await install(['explorer'], launcher, host, { lang: 'en', variants: ['share', 'review'] });
    expect(imports[1].equals(imports[0])).toBe(true);
  });

  it('a failing reg import is reported and its .reg file kept for the user to open', async () => {
    regExit = 1;
    const [report] = await install(['explorer'], launcher, host, { lang: 'en', variants: ['share', 'review'] });
    regExit = 0;
    expect(report.ok).toBe(false);
    expect(report.lines.join('\n')).toMatch(/reg import failed \(ERROR: Access is denied\.\); open .*integration-install\.reg/);
    expect(existsSync(path.join(appData, 'Share Safely', 'integration-install.reg'))).toBe(true);
    rmSync(path.join(appData, 'Share Safely', 'integration-install.reg'));
  });

  it('uninstall deletes exactly the verb keys it added, and nothing is left in the config folder', async () => {
    const [report] = await uninstall(['explorer'], host);
    expect(report.ok).toBe(true);
    const reg = parseReg(imports.at(-1)!);
    expect(reg.sections.every((s) => s.remove && !Object.keys(s.values).length)).toBe(true);
    // reg export found nothing, so no key above the verbs is known to be there: none is deleted.
    expect(reg.sections.map((s) => s.key).sort()).toEqual([...verbs].sort());
    expect(existsSync(appData)).toBe(false);
  });

  it('the keys install created above the verbs go too, unless something else is in them', async () => {
    const sfa = `${classes}\\SystemFileAssociations`;
    // The user's own verb on .jpg exists before install; everything else install creates.
    registry.set(
      sfa,
      `[${sfa}]\r\n\r\n[${sfa}\\.JPG]\r\n\r\n[${sfa}\\.JPG\\shell]\r\n\r\n[${sfa}\\.JPG\\shell\\Edit with Paint]\r\n@="Edit"\r\n\r\n`,
    );
    await install(['explorer'], launcher, host, { lang: 'en', variants: ['share', 'review'] });
    // What reg import made of it: the same keys, plus ours and the parents it had to create.
    const after = [...new Set(verbs.flatMap((v) => v.split('\\').map((_, i, parts) => parts.slice(0, i + 1).join('\\'))))].filter(
      (k) => k.startsWith(`${sfa}\\`) || k === sfa,
    );
    registry.set(sfa, `${registry.get(sfa)}${after.map((k) => `[${k}]\r\n\r\n`).join('')}`);
    registry.set(
      `${classes}\\Directory`,
      [`${classes}\\Directory`, `${classes}\\Directory\\shell`, ...verbs.filter((v) => v.includes('Directory'))]
        .map((k) => `[${k}]\r\n`)
        .join('\r\n'),
    );
    // A key someone added after install, under one install created: that one stays.
    registry.set(sfa, `${registry.get(sfa)}[${sfa}\\.png\\shell\\Print]\r\n@="Print"\r\n\r\n`);
    await uninstall(['explorer'], host);
    const removed = parseReg(imports.at(-1)!).sections.map((s) => s.key);
    const parents = removed.filter((k) => !verbs.includes(k));
    expect(removed.filter((k) => verbs.includes(k)).sort()).toEqual([...verbs].sort());
    expect(parents).toContain(`${classes}\\Directory\\shell`);
    expect(parents).toContain(`${classes}\\Directory`);
    expect(parents).toContain(`${sfa}\\.webp\\shell`);
    expect(parents).toContain(`${sfa}\\.webp`);
    for (const kept of [sfa, `${sfa}\\.jpg`, `${sfa}\\.jpg\\shell`, `${sfa}\\.png`, `${sfa}\\.png\\shell`])
      expect(parents).not.toContain(kept);
    // Deepest first, so each key is empty by the time it goes.
    expect(parents.indexOf(`${sfa}\\.webp\\shell`)).toBeLessThan(parents.indexOf(`${sfa}\\.webp`));
    registry.clear();
  });
});

describe('macOS Finder Quick Actions (~/Library/Services)', () => {
  const home = path.join(root, 'mac');
  const services = path.join(home, 'Library', 'Services');
  const stubs = makeStubs(path.join(root, 'mac-stubs'));
  const ran: string[][] = [];
  const host: Host = {
    platform: 'darwin',
    home,
    env: {},
    run: async (command, args) => {
      ran.push([command, ...args]);
      return { code: 0, stdout: '', stderr: '' };
    },
  };
  // node is a recorder here, so running the workflow's script shows the exact argv it builds.
  const launcher = { node: path.join(stubs.dir, 'share-safely-app'), script: `/Applications/Share Safely/it's "here" $HOME/main.js` };
  const plist = (file: string) =>
    JSON.parse(
      execFileSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', file], {
        encoding: 'utf8',
      }),
    );
  const mine = path.join(services, 'Mine.workflow', 'Contents', 'document.wflow');

  it('writes one workflow bundle per variant: a Finder service running a shell script on the selected files', async () => {
    mkdirSync(path.dirname(mine), { recursive: true });
    writeFileSync(mine, "the user's own workflow");
    const [report] = await install(['finder'], launcher, host, { lang: 'en', variants: ['share', 'review'] });
    expect(report.ok).toBe(true);
    for (const [name, review] of [
      ['Share safely', false],
      ['Review and share safely', true],
    ] as const) {
      const contents = path.join(services, `${name}.workflow`, 'Contents');
      expect(readdirSync(contents).sort()).toEqual(['Info.plist', 'document.wflow']);
      const info = plist(path.join(contents, 'Info.plist'));
      expect(info.NSServices).toEqual([
        {
          NSMenuItem: { default: name },
          NSMessage: 'runWorkflowAsService',
          NSRequiredContext: { NSApplicationIdentifier: 'com.apple.finder' },
          NSSendFileTypes: ['public.image', 'public.folder'],
        },
      ]);
      const doc = plist(path.join(contents, 'document.wflow'));
      expect(doc.workflowMetaData).toMatchObject({
        workflowTypeIdentifier: 'com.apple.Automator.servicesMenu',
        serviceInputTypeIdentifier: 'com.apple.Automator.fileSystemObject',
        serviceApplicationBundleID: 'com.apple.finder',
      });
      expect(doc.actions).toHaveLength(1);
      const action = doc.actions[0].action;
      expect(action.BundleIdentifier).toBe('com.apple.RunShellScript');
      expect(action.ActionParameters).toMatchObject({ inputMethod: 1, shell: '/bin/sh' });

      // Automator passes the selection as arguments to the script.
      const files = ['/Users/léa/Été 2024/Léa à la plage.jpg', `/Users/léa/-Tom's "best" $HOME.heic`];
      const before = stubs.calls('share-safely-app').length;
      const r = await run(['/bin/sh', '-c', action.ActionParameters.COMMAND_STRING, 'sh', ...files], { cwd: root, env: process.env });
      expect(r.code, r.stderr).toBe(0);
      expect(stubs.calls('share-safely-app').slice(before)).toEqual([
        [launcher.script, 'action', ...(review ? ['--review'] : []), '--', ...files],
      ]);
    }
  });

  it("uninstall removes both bundles and keeps the user's own workflow", async () => {
    const [report] = await uninstall(['finder'], host);
    expect(report.ok).toBe(true);
    expect(readdirSync(services)).toEqual(['Mine.workflow']);
    expect(readFileSync(mine, 'utf8')).toBe("the user's own workflow");
    expect(existsSync(path.join(home, 'Library', 'Application Support'))).toBe(false);
    // pbs does not exist on Linux: nothing was run.
    expect(ran).toEqual([]);
  });
});
