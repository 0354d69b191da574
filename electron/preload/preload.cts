// The bridge. Runs sandboxed, so it is CommonJS and requires nothing but 'electron'; the imports
// below from the contract (src/contract/bridge.ts) are types and vanish at compile time. It exposes one small API and
// never ipcRenderer itself, so the page can reach only these channels with these arguments.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { AppEvent, BridgeName, Channel, Channels, EventChannel, Replies, ShareSafelyBridge } from '../../src/contract/bridge.js';

function invoke<C extends Channel>(channel: C, ...args: Channels[C]): Promise<Replies[C]> {
  return ipcRenderer.invoke(channel, ...args) as Promise<Replies[C]>;
}

const eventChannel: EventChannel = 'app:event';
const bridgeName: BridgeName = 'shareSafely';

const bridge: ShareSafelyBridge = {
  startup: () => invoke('app:startup'),
  // Only files the user really dropped have a path (a File built by script has none), and the
  // paths go straight to main: the page never learns them.
  addDropped: (files) => {
    const paths = Array.from(files, (f) => webUtils.getPathForFile(f)).filter((p) => p.length > 0);
    return invoke('photos:add-dropped', paths);
  },
  openPhotos: () => invoke('photos:open'),
  openFolder: () => invoke('photos:open-folder'),
  preview: (id, cover) => invoke('photos:preview', id, cover),
  exportPhotos: (items) => invoke('photos:export', items),
  showInFolder: (id) => invoke('photos:show-in-folder', id),
  copyImage: (id) => invoke('photos:copy-image', id),
  saveSettings: (settings) => invoke('settings:save', settings),
  chooseFolder: () => invoke('settings:choose-folder'),
  onEvent: (listener) => {
    // The IPC event object (with its sender) is not handed to the page, only the payload.
    ipcRenderer.on(eventChannel, (_event, payload: AppEvent) => listener(payload));
  },
};

contextBridge.exposeInMainWorld(bridgeName, bridge);
