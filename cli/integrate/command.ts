// `share-safely integrate install|uninstall|status [--for TARGETS]`: adds the right-click entries
// for the current user (no admin rights), removes exactly them, or says what is where.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { isSafeError } from '../../src/index.js';
import type { Words } from '../../src/contract/index.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from '../exit.js';
import { install, uninstall, type TargetReport } from './install.js';
import { desktopAppStarts } from './desktop-app.js';
import { currentLauncher, launcherProblems, type Offer } from './launcher.js';
import { purge, purgeable } from './purge.js';
import type { Host } from './manifest.js';
import { saidLine } from './said.js';
import { status, statusText } from './status.js';
import { parseTargets, targetName, type Target } from './targets.js';

export type IntegrateAction = 'install' | 'uninstall' | 'status';

export interface IntegrateFlags {
  for?: string;
  json?: boolean;
  purge?: boolean;
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

/** One heading per target in the user's words; the lines under it (paths written or removed) are technical details. */
function reportText(reports: TargetReport[], w: Words): string {
  return reports
    .map((r) => [`${r.ok ? '✓' : '✗'} ${targetName(r.target, w)}`, ...r.lines.map((l) => `    ${saidLine(l, w)}`)].join('\n'))
    .join('\n');
}

export async function integrateCommand(
  action: IntegrateAction,
  flags: IntegrateFlags,
  w: Words,
  host: Host = systemHost(),
): Promise<number> {
  let targets: Target[];
  try {
    targets = parseTargets(flags.for, host.platform);
  } catch (e) {
    if (!isSafeError(e)) throw e;
    const said = e.values?.say === 'integrate.unknownTarget' || e.values?.say === 'integrate.targetElsewhere' ? e.values.say : undefined;
    process.stderr.write(`share-safely integrate: ${said ? w.t(said, e.values) : e.message}\n`);
    return EXIT_USAGE;
  }
  if (action === 'status') {
    const s = await status(targets, host);
    process.stdout.write(flags.json ? `${JSON.stringify(s, null, 2)}\n` : statusText(s, w));
    return EXIT_OK;
  }
  let reports: TargetReport[];
  if (action === 'install') {
    const launcher = currentLauncher();
    const problems = launcherProblems(launcher);
    if (problems.length) {
      process.stderr.write(
        `share-safely integrate: ${w.t('integrate.notBuilt', { problems: problems.map((l) => saidLine(l, w)).join(w.t('cli.partsSep')) })}\n`,
      );
      return EXIT_SOME_FAILED;
    }
    // "Review and share safely" is offered only where it would open a window.
    const review = desktopAppStarts({ script: launcher.script, node: launcher.node, env: host.env });
    const offer: Offer = { lang: w.lang, variants: review ? ['share', 'review'] : ['share'] };
    reports = await install(targets, launcher, host, offer);
  } else {
    reports = await uninstall(targets, host);
  }
  const purged = action === 'uninstall' && flags.purge ? await purge(host) : [];
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(action === 'uninstall' ? { targets: reports, purged } : reports, null, 2)}\n`);
  } else {
    process.stdout.write(`${reportText(reports, w)}\n`);
    if (purged.length) process.stdout.write(`${w.t('integrate.purged', { list: purged.join(', ') })}\n`);
    const kept = action === 'uninstall' && !flags.purge ? await purgeable(host) : [];
    if (kept.length) process.stdout.write(`${w.t('integrate.purgeHint', { list: kept.join(', ') })}\n`);
  }
  return reports.every((r) => r.ok) ? EXIT_OK : EXIT_SOME_FAILED;
}
