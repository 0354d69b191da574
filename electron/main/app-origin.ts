// The window's pages come from our own scheme, never from file:// or the network, so the
// Content-Security-Policy's 'self' means exactly the app's own files.
export const APP_SCHEME = 'app';
export const APP_HOST = 'share-safely';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/electron/renderer/index.html`;

/**
 * The page's policy: scripts, styles and fonts only from the app itself, images also from blob:
 * (previews arrive as bytes over IPC), no connections, frames, objects, forms or base changes.
 * Served as a response header and repeated in index.html's meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for a URL of the app's own pages (the origin exactly, not a look-alike host or scheme). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
