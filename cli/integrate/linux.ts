// What "Share safely" looks like to each Linux file manager. Pure text generators; the paths
// follow the XDG base directories each file manager reads.
import path from 'node:path';
import { xdgHome } from '../../src/index.js';
import { actionWords, descriptions, labels, type Launcher, type Variant } from './launcher.js';
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
const variants: Variant[] = ['share', 'review'];
const marker = 'Added by `share-safely integrate install`; `share-safely integrate uninstall` removes it.';

const shWords = (l: Launcher, v: Variant) => actionWords(l, v).map(shQuote).join(' ');
const execWords = (l: Launcher, v: Variant) => actionWords(l, v).map(execArg).join(' ');

/** Nautilus: an executable in its scripts folder, shown under "Scripts" in the context menu. */
export function nautilusScripts(l: Launcher, dirs: XdgDirs): FileSpec[] {
  return variants.map((v) => ({
    path: path.join(dirs.dataHome, 'nautilus', 'scripts', labels[v]),
    mode: 0o755,
    content: `#!/bin/sh
# Share Safely: "${labels[v]}". ${marker}
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
export function nemoActions(l: Launcher, dirs: XdgDirs): FileSpec[] {
  return variants.map((v) => ({
    path: path.join(dirs.dataHome, 'nemo', 'actions', v === 'share' ? 'share-safely.nemo_action' : 'share-safely-review.nemo_action'),
    mode: 0o644,
    content: `# ${marker}
[Nemo Action]
Name=${labels[v]}
Comment=${descriptions[v]}
Exec=${keyFileValue(`${shWords(l, v)} %U`)}
Icon-Name=${icon}
Selection=notnone
Mimetypes=${[...imageMimeTypes, 'inode/directory'].join(';')};
Quote=double
`,
  }));
}

/** Dolphin: one service menu with both actions; KDE 5 and KDE 6 look in different folders. */
export function dolphinServiceMenus(l: Launcher, dirs: XdgDirs): FileSpec[] {
  const content = `# ${marker}
[Desktop Entry]
Type=Service
ServiceTypes=KonqPopupMenu/Plugin
MimeType=${[...imageMimeTypes, 'inode/directory'].join(';')};
Actions=shareSafely;reviewSafely;
X-KDE-Priority=TopLevel

[Desktop Action shareSafely]
Name=${labels.share}
Icon=${icon}
Exec=${keyFileValue(`${execWords(l, 'share')} %F`)}

[Desktop Action reviewSafely]
Name=${labels.review}
Icon=${icon}
Exec=${keyFileValue(`${execWords(l, 'review')} %F`)}
`;
  return [
    { path: path.join(dirs.dataHome, 'kservices5', 'ServiceMenus', 'share-safely.desktop'), mode: 0o755, content },
    { path: path.join(dirs.dataHome, 'kio', 'servicemenus', 'share-safely.desktop'), mode: 0o755, content },
  ];
}

/** An application entry, so "Open with → Share Safely" is offered for photos everywhere. */
export function openWithEntry(l: Launcher, dirs: XdgDirs): FileSpec {
  return {
    path: path.join(dirs.dataHome, 'applications', 'share-safely-action.desktop'),
    mode: 0o644,
    content: `# ${marker}
[Desktop Entry]
Type=Application
Version=1.0
Name=Share Safely
GenericName=Safe copies of photos
Comment=${descriptions.share}
Icon=${icon}
TryExec=${keyFileValue(l.node)}
Exec=${keyFileValue(`${execWords(l, 'share')} %F`)}
Terminal=false
StartupNotify=false
MimeType=${imageMimeTypes.join(';')};
Categories=Graphics;Photography;
Actions=review;

[Desktop Action review]
Name=${labels.review}
Exec=${keyFileValue(`${execWords(l, 'review')} %F`)}
`,
  };
}

export interface ThunarAction {
  uniqueId: string;
  name: string;
  /** The command exactly as Thunar stores it (before XML escaping). */
  command: string;
  description: string;
}

/** Thunar quotes each path of %F for /bin/sh itself; a literal % in the command is %%. */
export function thunarActions(l: Launcher): ThunarAction[] {
  return variants.map((v) => ({
    uniqueId: `share-safely-${v}`,
    name: labels[v],
    command: `${shWords(l, v).replace(/%/g, '%%')} %F`,
    description: descriptions[v],
  }));
}

export function thunarFile(dirs: XdgDirs): string {
  return path.join(dirs.configHome, 'Thunar', 'uca.xml');
}
