// How the one window is created. A plain object so a test can assert every security setting
// from the code that really creates the window.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Developer tools only in a development run (`npm run desktop`), never in the packaged app. */
export function webPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Middle-click (auxclick) could otherwise open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function windowOptions(preloadPath: string, title: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: '#1e1f22',
    autoHideMenuBar: false,
    webPreferences: webPreferences(preloadPath, devTools),
  };
}
