// Small files that must be whole or absent after a crash or a power cut (settings, the integration
// manifest, the right-click spool): written under a temp name, flushed, renamed, folder flushed.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Makes a folder's latest entries (a rename, a new link) durable; a no-op where folders cannot be opened (Windows). */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/**
 * Replaces `file` with `content` so that a reader, or the file after a crash, sees either the old
 * bytes or the new ones, never a mix. Creates the folder when missing.
 * @param file the file to replace or create
 * @param content its new content
 * @param mode permission bits of the new file (default 0o644)
 * @throws the file system's error; the old file and no temp file are left then
 * @example
 * await writeFileDurably(settingsPath(), JSON.stringify(settings));
 */
export async function writeFileDurably(file: string, content: string | Buffer, mode = 0o644): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  await syncFolder(dir);
}
