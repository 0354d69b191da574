// The application menu, built as plain data so it can be checked without Electron. Its commands
// go to the window, which owns the state they act on (the reviewed covers, the settings dialog).
import type { MenuItemConstructorOptions } from 'electron';
import type { Language, MenuCommand } from '../preload/bridge-api.js';

const labels = {
  en: {
    file: 'File',
    open: 'Open Photos…',
    openFolder: 'Open Folder…',
    export: 'Export Safe Copies',
    settings: 'Settings…',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
  },
  fr: {
    file: 'Fichier',
    open: 'Ouvrir des photos…',
    openFolder: 'Ouvrir un dossier…',
    export: 'Exporter les copies sûres',
    settings: 'Réglages…',
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
  },
} as const;

/** The menu language: the saved choice, else the system's when it is French, else English. */
export function menuLanguage(saved: Language | undefined, systemLocale: string): Language {
  return saved ?? (systemLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en');
}

export function menuTemplate(lang: Language, platform: NodeJS.Platform, run: (command: MenuCommand) => void, devTools: boolean): MenuItemConstructorOptions[] {
  const l = labels[lang];
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      { label: l.open, accelerator: 'CmdOrCtrl+O', click: () => run('open') },
      { label: l.openFolder, accelerator: 'CmdOrCtrl+Shift+O', click: () => run('open-folder') },
      { type: 'separator' },
      { label: l.export, accelerator: 'CmdOrCtrl+E', click: () => run('export') },
      ...(mac ? [] : ([{ type: 'separator' }, { label: l.settings, accelerator: 'CmdOrCtrl+,', click: () => run('settings') }, { type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
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
