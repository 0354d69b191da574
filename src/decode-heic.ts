// HEIC/HEIF primary image to RGBA pixels through libheif (compiled to wasm by libheif-js).
// We call libheif's functions directly rather than through a wrapper: the JS wrappers print their
// errors with console.log, and silencing them meant swapping a global around an await, which two
// overlapping decodes could leave swapped for good. Here errors are thrown with libheif's message.
import { createRequire } from 'node:module';
import type { RawImage } from './types.js';

// The part of libheif-js's embind API used here (it ships types for the raw wasm exports only).
type Enum = { readonly value: number };
interface HeifError {
  code: Enum;
  message: string;
}
/** An opaque embind pointer to a heif_image_handle. */
interface HeifHandle {
  readonly __brand: 'heif_image_handle';
}
interface HeifChannel {
  id: Enum;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
interface HeifDecodedImage {
  image: unknown;
  channels: HeifChannel[];
}
interface LibHeif {
  ready: Promise<unknown>;
  heif_error_code: { heif_error_Ok: Enum };
  heif_colorspace: { heif_colorspace_RGB: Enum };
  heif_chroma: { heif_chroma_interleaved_RGBA: Enum };
  heif_channel: { heif_channel_interleaved: Enum };
  heif_context_alloc(): unknown;
  heif_context_free(context: unknown): void;
  heif_context_read_from_memory(context: unknown, bytes: Uint8Array): HeifError;
  heif_js_context_get_list_of_top_level_image_IDs(context: unknown): number[] | HeifError;
  heif_js_context_get_image_handle(context: unknown, id: number): HeifHandle | HeifError;
  heif_image_handle_get_width(handle: HeifHandle): number;
  heif_image_handle_get_height(handle: HeifHandle): number;
  heif_image_handle_release(handle: HeifHandle): void;
  heif_js_decode_image2(handle: HeifHandle, colorspace: Enum, chroma: Enum): Promise<HeifDecodedImage>;
  heif_image_release(image: unknown): void;
}

let loaded: LibHeif | undefined;

async function libheif(): Promise<LibHeif> {
  // Loaded on the first HEIC only: a batch without one never instantiates the wasm.
  loaded ??= createRequire(import.meta.url)('libheif-js/wasm-bundle') as LibHeif;
  await loaded.ready;
  return loaded;
}

/** libheif's error results carry a code other than Ok and a message; handles and images carry none. */
function failed(lib: LibHeif, r: unknown): string | undefined {
  if (!r) return 'no result';
  const { code, message } = r as { code?: unknown; message?: unknown };
  if (code === undefined || code === lib.heif_error_code.heif_error_Ok) return undefined;
  return typeof message === 'string' && message ? message : 'unknown libheif error';
}

/**
 * Decodes the primary (first top-level) image to RGBA with the HEIF transforms (irot/imir/clap,
 * which are the orientation that counts) applied. `check` sees the size before any pixel is
 * decoded, so a pixel limit can stop a bomb first. Throws Error(libheif's message) when the file
 * cannot be read.
 */
export function decodeHeicPixels(bytes: Uint8Array, check: (width: number, height: number) => void): Promise<RawImage> {
  const run = queue.then(() => decodeOne(bytes, check));
  queue = run.catch(() => {});
  return run;
}

/**
 * One decode at a time per thread. The decoded plane is a view into libheif's wasm memory; a second
 * decode running while this one awaits can grow that memory, which detaches every view of it
 * ("Cannot perform Construct on a detached ArrayBuffer" while copying a 12 MP plane). A thread
 * gains nothing from two at once anyway: the wasm runs on one thread.
 */
let queue: Promise<unknown> = Promise.resolve();

async function decodeOne(bytes: Uint8Array, check: (width: number, height: number) => void): Promise<RawImage> {
  const lib = await libheif();
  const context = lib.heif_context_alloc();
  if (!context) throw new Error('libheif could not allocate a context');
  let handle: HeifHandle | undefined;
  try {
    const read = failed(lib, lib.heif_context_read_from_memory(context, bytes));
    if (read) throw new Error(read);
    const ids = lib.heif_js_context_get_list_of_top_level_image_IDs(context);
    if (!Array.isArray(ids) || ids.length === 0) throw new Error('HEIF image not found');
    const h = lib.heif_js_context_get_image_handle(context, ids[0]);
    const noHandle = failed(lib, h);
    if (noHandle) throw new Error(noHandle);
    handle = h as HeifHandle;
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    check(width, height);
    const image = await lib.heif_js_decode_image2(
      handle,
      lib.heif_colorspace.heif_colorspace_RGB,
      lib.heif_chroma.heif_chroma_interleaved_RGBA,
    );
    const notDecoded = failed(lib, image);
    if (notDecoded) throw new Error(notDecoded);
    try {
      const plane = image.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
      if (!plane || plane.width !== width || plane.height !== height)
        throw new Error('libheif returned no RGBA plane of the declared size');
      const row = width * 4;
      const data = Buffer.alloc(row * height);
      for (let y = 0; y < height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
      return { data, width, height, channels: 4 };
    } finally {
      lib.heif_image_release(image.image);
    }
  } finally {
    if (handle) lib.heif_image_handle_release(handle);
    lib.heif_context_free(context);
  }
}
