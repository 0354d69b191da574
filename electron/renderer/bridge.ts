// The only way out of the page: the API the preload exposed on window.
import type { ShareSafelyBridge } from '../../src/contract/bridge.js';

declare global {
  interface Window {
    shareSafely?: ShareSafelyBridge;
  }
}

export function getBridge(): ShareSafelyBridge {
  if (!window.shareSafely) throw new Error('Share Safely must run inside its desktop app (the bridge is missing).');
  return window.shareSafely;
}
