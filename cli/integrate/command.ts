// `share-safely integrate install|uninstall|status [--for TARGETS]`: adds the right-click entries
// for the current user (no admin rights), removes exactly them, or says what is where.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { isSafeError } from '../../src/index.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from '../exit.js';
import { install, uninstall, type TargetReport } from './install.js';
import { currentLauncher, launcherProblems } from './launcher.js';
import type { Host } from './manifest.js';
import { status, statusText } from './status.js';
import { parseTargets, targetNames, type Target } from './targets.js';

export type IntegrateAction = 'install' | 'uninstall' | 'status';

export interface IntegrateFlags {
  for?: string;
  json?: boolean;
}

function systemHost(): Host {
  return {
    platform: process.platform,
    home: os.homedir(),
    env: process.env,
    run: (command, args) =>
      new Promise((resolve) => {
        execFile(command, args, { windowsHide: true }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr || (error && code === -1 ? error.message : '')) });
        });
      }),
  };
}

function reportText(reports: TargetReport[]): string {
  return reports.map((r) => [`${r.ok ? '✓' : '✗'} ${targetNames[r.target]}`, ...r.lines.map((l) => `    ${l}`)].join('\n')).join('\n');
}

export async function integrateCommand(action: IntegrateAction, flags: IntegrateFlags, host: Host = systemHost()): Promise<number> {
  let targets: Target[];
  try {
    targets = parseTargets(flags.for, host.platform);
  } catch (e) {
    if (!isSafeError(e)) throw e;
    process.stderr.write(`share-safely integrate: ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (action === 'status') {
    const s = await status(targets, host);
    process.stdout.write(flags.json ? `${JSON.stringify(s, null, 2)}\n` : statusText(s));
    return EXIT_OK;
  }
  let reports: TargetReport[];
  if (action === 'install') {
    const launcher = currentLauncher();
    const problems = launcherProblems(launcher);
    if (problems.length) {
      process.stderr.write(`share-safely integrate: ${problems.join('; ')} — run the built CLI (npm run build, then dist/cli/main.js)\n`);
      return EXIT_SOME_FAILED;
    }
    reports = await install(targets, launcher, host);
  } else {
    reports = await uninstall(targets, host);
  }
  process.stdout.write(flags.json ? `${JSON.stringify(reports, null, 2)}\n` : `${reportText(reports)}\n`);
  return reports.every((r) => r.ok) ? EXIT_OK : EXIT_SOME_FAILED;
}
