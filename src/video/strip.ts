// ffmpeg's MP4 muxer always ends the movie box with a user-data box holding an empty iTunes tag
// list ("udta/meta/hdlr mdir/ilst"). It says nothing, but our allowlist has no user data at all,
// so it is cut off rather than explained away. The movie box is written last (after the media
// data), so removing its last child moves no sample and changes no chunk offset: shrink the
// movie box's size field and truncate the file.
import { open, stat } from 'node:fs/promises';
import { readBoxes } from './boxes.js';

export async function dropUserData(file: string): Promise<void> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r+');
  try {
    const { boxes, issues } = await readBoxes(handle, size);
    const moov = boxes.at(-1);
    const last = moov?.children?.at(-1);
    // Anything unexpected is left as it is: the verify step refuses it.
    if (issues.length > 0 || moov?.type !== 'moov' || last?.type !== 'udta' || moov.offset + moov.size !== size) return;
    const header = Buffer.alloc(4);
    await handle.read(header, 0, 4, moov.offset);
    if (header.readUInt32BE(0) !== moov.size) return; // a 64-bit size: never written by the muxer for a movie box
    header.writeUInt32BE(moov.size - last.size, 0);
    await handle.write(header, 0, 4, moov.offset);
    await handle.truncate(size - last.size);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
