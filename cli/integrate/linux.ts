// What "Share safely" looks like to each Linux file manager. Pure text generators; the paths
// follow the XDG base directories each file manager reads.
import path from 'node:path';
import { xdgHome } from '../../src/index.js';
import { languages, words } from '../../src/contract/index.js';
import { actionWords, description, label, type Launcher, type Offer, type Variant } from './launcher.js';
import { execArg, keyFileValue, shQuote } from './quote.js';

export interface FileSpec {
  path: string;
  content: string;
  /** 0o755 where the file manager only runs (or, for KDE 6, only trusts) executable files. */
  mode: number;
}

export interface XdgDirs {
  dataHome: string;
  configHome: string;
  /** XDG_CONFIG_DIRS: where a system-wide Thunar uca.xml may live. */
  configDirs: string[];
}

export function xdgDirs(env: NodeJS.ProcessEnv, home: string): XdgDirs {
  return {
    dataHome: xdgHome(env, 'XDG_DATA_HOME', path.join(home, '.local', 'share')),
    configHome: xdgHome(env, 'XDG_CONFIG_HOME', path.join(home, '.config')),
    configDirs: (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter((d) => path.isAbsolute(d)),
  };
}

/** The image types the engine reads (formats.ts), as MIME types for "Open with" and menus. */
const imageMimeTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/avif', 'image/heic', 'image/heif', 'image/gif'];
const icon = 'security-high';
const marker = 'Added by `share-safely integrate install`; `share-safely integrate uninstall` removes it.';

const shWords = (l: Launcher, v: Variant) => actionWords(l, v).map(shQuote).join(' ');
const execWords = (l: Launcher, v: Variant) => actionWords(l, v).map(execArg).join(' ');

/** A key-file entry in English with its translations (Name=…, Name[fr]=…): the file manager shows the user's. */
function localized(key: string, text: (lang: (typeof languages)[number]) => string): string {
  return [
    `${key}=${keyFileValue(text('en'))}`,
    ...languages.filter((l) => l !== 'en').map((l) => `${key}[${l}]=${keyFileValue(text(l))}`),
  ].join('\n');
}

/** Nautilus: an executable in its scripts folder, shown under "Scripts" in the context menu. */
export function nautilusScripts(l: Launcher, dirs: XdgDirs, offer: Offer): FileSpec[] {
  return offer.variants.map((v) => ({
    path: path.join(dirs.dataHome, 'nautilus', 'scripts', label(v, offer.lang)),
    mode: 0o755,
    content: `#!/bin/sh
# Share Safely: "${label(v, 'en')}". ${marker}
# Nautilus passes the selected files as arguments (relative to the folder shown, which is the
# working directory). Where it passes none, the selection is in NAUTILUS_SCRIPT_SELECTED_FILE_PATHS,
# one path per line; with nothing selected (the folder's background), the folder shown is used.
if [ "$#" -eq 0 ] && [ -n "\${NAUTILUS_SCRIPT_SELECTED_FILE_PATHS:-}" ]; then
  set -f
  IFS='
'
  set -- $NAUTILUS_SCRIPT_SELECTED_FILE_PATHS
  unset IFS
  set +f
fi
case "$#:\${NAUTILUS_SCRIPT_CURRENT_URI:-}" in
  0:file://*) set -- "$NAUTILUS_SCRIPT_CURRENT_URI" ;;
esac
exec ${shWords(l, v)} "$@"
`,
  }));
}

/**
 * Nemo: a .nemo_action per variant. %U with Quote=double: Nemo pastes the selection into the
 * command text before splitting it like a shell, and a file URI has no quote, space or backslash
 * left to break that (how Nemo escapes raw paths for %F changed between versions).
 */
export function nemoActions(l: Launcher, dirs: XdgDirs, offer: Offer): FileSpec[] {
  return offer.variants.map((v) => ({
    path: path.join(dirs.dataHome, 'nemo', 'actions', v === 'share' ? 'share-safely.nemo_action' : 'share-safely-review.nemo_action'),
    mode: 0o644,
    content: `# ${marker}
[Nemo Action]
${localized('Name', (lang) => label(v, lang))}
${localized('Comment', (lang) => description(v, lang))}
Exec=${keyFileValue(`${shWords(l, v)} %U`)}
Icon-Name=${icon}
Selection=notnone
Mimetypes=${[...imageMimeTypes, 'inode/directory'].join(';')};
Quote=double
`,
  }));
}

const dolphinActions: Record<Variant, string> = { share: 'shareSafely', review: 'reviewSafely' };

/** Dolphin: one service menu with the actions; KDE 5 and KDE 6 look in different folders. */
export function dolphinServiceMenus(l: Launcher, dirs: XdgDirs, offer: Offer): FileSpec[] {
  const actions = offer.variants.map(
    (v) => `
[Desktop Action ${dolphinActions[v]}]
${localized('Name', (lang) => label(v, lang))}
Icon=${icon}
Exec=${keyFileValue(`${execWords(l, v)} %F`)}
`,
  );
  const content = `# ${marker}
[Desktop Entry]
Type=Service
ServiceTypes=KonqPopupMenu/Plugin
MimeType=${[...imageMimeTypes, 'inode/directory'].join(';')};
Actions=${offer.variants.map((v) => `${dolphinActions[v]};`).join('')}
X-KDE-Priority=TopLevel
${actions.join('')}`;
  return [
    { path: path.join(dirs.dataHome, 'kservices5', 'ServiceMenus', 'share-safely.desktop'), mode: 0o755, content },
    { path: path.join(dirs.dataHome, 'kio', 'servicemenus', 'share-safely.desktop'), mode: 0o755, content },
  ];
}

/** An application entry, so "Open with → Share Safely" is offered for photos everywhere. */
export function openWithEntry(l: Launcher, dirs: XdgDirs, offer: Offer): FileSpec {
  const review = offer.variants.includes('review')
    ? `Actions=review;

[Desktop Action review]
${localized('Name', (lang) => label('review', lang))}
Exec=${keyFileValue(`${execWords(l, 'review')} %F`)}
`
    : '';
  return {
    path: path.join(dirs.dataHome, 'applications', 'share-safely-action.desktop'),
    mode: 0o644,
    content: `# ${marker}
[Desktop Entry]
Type=Application
Version=1.0
Name=Share Safely
${localized('GenericName', (lang) => words(lang).t('integrate.genericName'))}
${localized('Comment', (lang) => description('share', lang))}
Icon=${icon}
TryExec=${keyFileValue(l.node)}
Exec=${keyFileValue(`${execWords(l, 'share')} %F`)}
Terminal=false
StartupNotify=false
MimeType=${imageMimeTypes.join(';')};
Categories=Graphics;Photography;
${review}`,
  };
}

export interface ThunarAction {
  uniqueId: string;
  /** Per language; Thunar shows the user's. */
  name: Record<(typeof languages)[number], string>;
  /** The command exactly as Thunar stores it (before XML escaping). */
  command: string;
  description: Record<(typeof languages)[number], string>;
}

/** Thunar quotes each path of %F for /bin/sh itself; a literal % in the command is %%. */
export function thunarActions(l: Launcher, offer: Offer): ThunarAction[] {
  const each = (text: (lang: (typeof languages)[number]) => string) =>
    Object.fromEntries(languages.map((lang) => [lang, text(lang)])) as ThunarAction['name'];
  return offer.variants.map((v) => ({
    uniqueId: `share-safely-${v}`,
    name: each((lang) => label(v, lang)),
    command: `${shWords(l, v).replace(/%/g, '%%')} %F`,
    description: each((lang) => description(v, lang)),
  }));
}

export function thunarFile(dirs: XdgDirs): string {
  return path.join(dirs.configHome, 'Thunar', 'uca.xml');
}
