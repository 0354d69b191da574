// The app is local-only: the window may load its own files and the blob: previews it made, and
// nothing else. Every other request is cancelled and written to a log, so a leak attempt (a
// remote image in a photo's XMP rendered by mistake, a compromised script) is both stopped and seen.
import { isAppUrl } from './app-origin.js';

export interface RequestDecision {
  allow: boolean;
  reason: string;
}

/** Schemes that never leave the process. */
const inProcess = new Set(['blob:', 'data:']);

export function decideRequest(url: string): RequestDecision {
  if (isAppUrl(url)) return { allow: true, reason: 'app file' };
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return { allow: false, reason: 'malformed URL' };
  }
  if (inProcess.has(protocol)) return { allow: true, reason: 'in-memory data' };
  if (protocol === 'devtools:' || protocol === 'chrome-devtools:') return { allow: true, reason: 'developer tools' };
  return { allow: false, reason: protocol === 'file:' ? 'local file outside the app' : 'network' };
}

export interface BlockedRequest {
  at: string;
  url: string;
  method: string;
  resourceType: string;
  reason: string;
}

/** Keeps the last blocked requests in memory and hands each to a writer (the log file). */
export class RequestLog {
  readonly entries: BlockedRequest[] = [];
  constructor(
    private readonly write: (line: string) => void,
    private readonly keep = 200,
  ) {}

  record(entry: Omit<BlockedRequest, 'at'>, now = new Date()): BlockedRequest {
    // Query strings can carry data a page tried to smuggle out; the log keeps only where it went.
    const full: BlockedRequest = { at: now.toISOString(), ...entry, url: withoutQuery(entry.url) };
    this.entries.push(full);
    if (this.entries.length > this.keep) this.entries.shift();
    this.write(`${full.at} blocked ${full.method} ${full.url} (${full.resourceType}, ${full.reason})\n`);
    return full;
  }
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  const short = cut >= 0 ? url.slice(0, cut) : url;
  return short.length > 300 ? `${short.slice(0, 300)}…` : short;
}

/** Permission requests (camera, notifications, geolocation…) are all refused: the page needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** The window stays on its one page: any navigation away, reload to elsewhere or new window is refused. */
export function allowNavigation(url: string, currentUrl: string): boolean {
  return isAppUrl(url) && url === currentUrl;
}
