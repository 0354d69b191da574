// The application menu, built as plain data so it can be checked without Electron. Its commands
// go to the window, which owns the state they act on (the reviewed covers, the settings dialog).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src/contract/bridge.js';
import { words, type Language, type MessageKey } from '../../src/contract/index.js';

const keys = {
  file: 'menu.file',
  open: 'menu.open',
  openFolder: 'menu.openFolder',
  export: 'menu.export',
  settings: 'menu.settings',
  edit: 'menu.edit',
  view: 'menu.view',
  window: 'menu.window',
} as const satisfies Record<string, MessageKey>;

export function menuTemplate(
  lang: Language,
  platform: NodeJS.Platform,
  run: (command: MenuCommand) => void,
  devTools: boolean,
): MenuItemConstructorOptions[] {
  const w = words(lang);
  const l = Object.fromEntries(Object.entries(keys).map(([k, key]) => [k, w.t(key)])) as Record<keyof typeof keys, string>;
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      { label: l.open, accelerator: 'CmdOrCtrl+O', click: () => run('open') },
      { label: l.openFolder, accelerator: 'CmdOrCtrl+Shift+O', click: () => run('open-folder') },
      { type: 'separator' },
      { label: l.export, accelerator: 'CmdOrCtrl+E', click: () => run('export') },
      ...(mac
        ? []
        : ([
            { type: 'separator' },
            { label: l.settings, accelerator: 'CmdOrCtrl+,', click: () => run('settings') },
            { type: 'separator' },
            { role: 'quit' },
          ] as MenuItemConstructorOptions[])),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  };
  const template: MenuItemConstructorOptions[] = [file, { label: l.edit, role: 'editMenu' }, view, { label: l.window, role: 'windowMenu' }];
  if (mac) {
    template.unshift({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { label: l.settings, accelerator: 'Cmd+,', click: () => run('settings') },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  return template;
}
