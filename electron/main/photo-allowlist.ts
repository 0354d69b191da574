// The allowlist: the only files main will read, and the only copies it will show or put on the
// clipboard, are the photos the user dropped or opened and the copies written from them. The
// window names them by id; an id main did not hand out is refused.
import path from 'node:path';
import type { Analysis, Placement } from '../../src/index.js';
import type { PhotoEntry, PhotoId } from '../../src/contract/bridge.js';
import { IpcArgumentError } from './ipc-validate.js';

export interface PhotoRecord {
  id: PhotoId;
  placement: Placement;
  /** Bumped when the photo is analysed again (new settings), so a stale answer is dropped. */
  generation: number;
  analysis?: Analysis;
  /** Faces in the analysis the window reviews (a cover must list exactly these). */
  faceCount: number;
  /** The written safe copy. */
  output?: string;
}

export class PhotoAllowlist {
  private readonly records = new Map<PhotoId, PhotoRecord>();
  private readonly byInput = new Map<string, PhotoId>();
  private nextId = 1;

  /** Registers photos found under what the user dropped/opened; a photo already listed is not added twice. */
  add(items: readonly Placement[]): PhotoRecord[] {
    const added: PhotoRecord[] = [];
    for (const item of items) {
      if (this.byInput.has(item.input)) continue;
      const id = this.nextId++;
      // The batch position gives neutral names (photo-001…) when the user asks for them.
      const record: PhotoRecord = { id, placement: { ...item, index: id }, generation: 0, faceCount: 0 };
      this.records.set(id, record);
      this.byInput.set(item.input, id);
      added.push(record);
    }
    return added;
  }

  get(id: PhotoId): PhotoRecord {
    const r = this.records.get(id);
    if (!r) throw new IpcArgumentError('this photo is not one the user opened');
    return r;
  }

  /** The record once analysed, or a clear refusal. */
  analyzed(id: PhotoId): PhotoRecord & { analysis: Analysis } {
    const r = this.get(id);
    if (!r.analysis) throw new IpcArgumentError('this photo has not been analysed (yet)');
    return r as PhotoRecord & { analysis: Analysis };
  }

  /** The safe copy written for this photo, or null when none was written. */
  output(id: PhotoId): string | null {
    return this.get(id).output ?? null;
  }

  all(): PhotoRecord[] {
    return [...this.records.values()];
  }
}

/** What the window may show about a photo: its name and folder, for display. */
export function entryOf(r: PhotoRecord): PhotoEntry {
  return { id: r.id, name: path.basename(r.placement.input), folder: path.dirname(r.placement.input) };
}
