// Electron glue that locks the window's session down: our own scheme serves the app's files with
// the CSP header, every other request is cancelled and logged, every permission is refused, and
// no page may navigate, open windows or attach webviews.
import { readFile } from 'node:fs/promises';
import type { Session, WebContents } from 'electron';
import { resolveAppFile } from './app-protocol.js';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './app-origin.js';
import { allowNavigation, decidePermission, decideRequest, type RequestLog } from './request-guard.js';

export function guardSession(ses: Session, webRoot: string, log: RequestLog): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppFile(request.url, webRoot);
    if (!found) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(found.file);
      return new Response(body, {
        headers: { 'Content-Type': found.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const decision = decideRequest(details.url);
    if (!decision.allow)
      log.record({ url: details.url, method: details.method, resourceType: details.resourceType, reason: decision.reason });
    callback({ cancel: !decision.allow });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  // Spell-check dictionaries would be downloaded from the network.
  ses.setSpellCheckerEnabled(false);
}

export function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
