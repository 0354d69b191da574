// How a file-manager entry starts the CLI. File managers run with a bare PATH (Finder's has no
// /usr/local/bin, desktop sessions may lack nvm's node), so entries name node and the CLI script by
// absolute path, recorded when `integrate install` runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { languages, words, type Language } from '../../src/contract/index.js';

export interface Launcher {
  /** The node executable (process.execPath at install time). */
  node: string;
  /** The compiled CLI entry point, dist/cli/main.js. */
  script: string;
}

export type Variant = 'share' | 'review';

/** The CLI this code is part of: dist/cli/integrate/launcher.js → dist/cli/main.js. */
export function currentLauncher(): Launcher {
  return { node: process.execPath, script: fileURLToPath(new URL('../main.js', import.meta.url)) };
}

/** Whether the recorded paths still exist (node upgraded, project moved…). */
export function launcherProblems(l: Launcher): string[] {
  const problems: string[] = [];
  if (!existsSync(l.node)) problems.push(`node is no longer at ${l.node}`);
  if (!existsSync(l.script)) problems.push(`the Share Safely CLI is no longer at ${l.script}`);
  return problems;
}

/**
 * The words before the selected paths: node, the CLI, the hidden `action` command and `--`, so a
 * file named "-r.jpg" stays a file. `gather` joins processes started together (Explorer starts one
 * per selected file) into one batch and one notification.
 */
export function actionWords(l: Launcher, variant: Variant, gather = false): string[] {
  return [l.node, l.script, 'action', ...(variant === 'review' ? ['--review'] : []), ...(gather ? ['--gather'] : []), '--'];
}

/**
 * What the entries offer, and in which language where an entry has one name only (a Nautilus script's
 * file name, a Windows verb, a Quick Action); "review" only where the desktop app can start.
 */
export interface Offer {
  lang: Language;
  variants: Variant[];
}

/** Every offer an install may have made (any language, both entries): what uninstall may remove. */
export const everyOffer: Offer[] = languages.map((lang) => ({ lang, variants: ['share', 'review'] }));

export const label = (v: Variant, lang: Language) => words(lang).t(v === 'share' ? 'integrate.share' : 'integrate.review');
export const description = (v: Variant, lang: Language) => words(lang).t(v === 'share' ? 'integrate.shareAbout' : 'integrate.reviewAbout');
