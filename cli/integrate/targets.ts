// The places "Share safely" can be added, and which of them fit each operating system.
import { SafeError } from '../../src/index.js';
import type { Words } from '../../src/contract/index.js';

export const allTargets = ['nautilus', 'nemo', 'dolphin', 'thunar', 'open-with', 'explorer', 'finder'] as const;
export type Target = (typeof allTargets)[number];

const targetNames: Record<Target, string> = {
  nautilus: 'Nautilus (GNOME Files)',
  nemo: 'Nemo',
  dolphin: 'Dolphin (KDE)',
  thunar: 'Thunar',
  'open-with': '"Open with" entry',
  explorer: 'Windows Explorer',
  finder: 'macOS Finder',
};

/** A target's name for a person: the "Open with" entry is described, the file managers are named. */
export const targetName = (t: Target, w: Words) => (t === 'open-with' ? w.t('integrate.openWith') : targetNames[t]);

/** The program whose presence `status` reports (the entries are written whether or not it is there). */
export const targetPrograms: Partial<Record<Target, string>> = {
  nautilus: 'nautilus',
  nemo: 'nemo',
  dolphin: 'dolphin',
  thunar: 'thunar',
};

function platformTargets(platform: NodeJS.Platform): Target[] {
  if (platform === 'win32') return ['explorer'];
  if (platform === 'darwin') return ['finder'];
  return ['nautilus', 'nemo', 'dolphin', 'thunar', 'open-with'];
}

/** `--for nautilus,thunar` → those targets; none named → every target of this OS. */
export function parseTargets(list: string | undefined, platform: NodeJS.Platform): Target[] {
  const fitting = platformTargets(platform);
  if (!list || list === 'all') return fitting;
  const out: Target[] = [];
  for (const word of list.split(/[,\s]+/).filter(Boolean)) {
    const t = word.toLowerCase() as Target;
    if (!allTargets.includes(t)) {
      throw new SafeError('bad-option', `--for: unknown target "${word}" (choose from ${fitting.join(', ')})`, {
        values: { say: 'integrate.unknownTarget', target: word, list: fitting.join(', ') },
      });
    }
    if (!fitting.includes(t)) {
      throw new SafeError('bad-option', `--for: ${targetNames[t]} is not available on this system (choose from ${fitting.join(', ')})`, {
        values: { say: 'integrate.targetElsewhere', target: targetNames[t], list: fitting.join(', ') },
      });
    }
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
