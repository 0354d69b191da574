// The sticker style: a friendly smiling face over each head, what many parents already do by hand
// before posting. Drawn here as vector shapes (no font, no image from elsewhere) and rasterised by
// sharp; it is opaque over the whole cover, so nothing of the original is left inside.
import sharp from 'sharp';
import type { Cover, Rect } from '../types.js';

const skin = '#ffcc33';
const rim = '#e8a317';
const ink = '#5b3a1e';
const blush = '#ff8a80';

/** The SVG of a smiley filling cover `c`, drawn in the coordinates of `rect` (the mask's pixels). */
export function stickerSvg(c: Cover, rect: Rect): string {
  const w = c.width;
  const h = c.height;
  const cx = c.x + w / 2 - rect.x;
  const cy = c.y + h / 2 - rect.y;
  const n = (v: number) => v.toFixed(2);
  const line = Math.max(1, w * 0.05);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${rect.width}" height="${rect.height}" viewBox="0 0 ${rect.width} ${rect.height}">` +
    `<rect width="100%" height="100%" fill="${skin}"/>` +
    // The face turns with the head it covers (SVG's rotate is clockwise on screen, as the angle is).
    `<g transform="rotate(${n(c.angle ?? 0)} ${n(cx)} ${n(cy)})">` +
    `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(w / 2 - line / 2)}" ry="${n(h / 2 - line / 2)}" fill="none" stroke="${rim}" stroke-width="${n(line)}"/>` +
    `<circle cx="${n(cx - w * 0.3)}" cy="${n(cy + h * 0.1)}" r="${n(w * 0.08)}" fill="${blush}" fill-opacity="0.6"/>` +
    `<circle cx="${n(cx + w * 0.3)}" cy="${n(cy + h * 0.1)}" r="${n(w * 0.08)}" fill="${blush}" fill-opacity="0.6"/>` +
    `<ellipse cx="${n(cx - w * 0.17)}" cy="${n(cy - h * 0.1)}" rx="${n(w * 0.055)}" ry="${n(h * 0.075)}" fill="${ink}"/>` +
    `<ellipse cx="${n(cx + w * 0.17)}" cy="${n(cy - h * 0.1)}" rx="${n(w * 0.055)}" ry="${n(h * 0.075)}" fill="${ink}"/>` +
    `<path d="M ${n(cx - w * 0.22)} ${n(cy + h * 0.12)} Q ${n(cx)} ${n(cy + h * 0.36)} ${n(cx + w * 0.22)} ${n(cy + h * 0.12)}" ` +
    `fill="none" stroke="${ink}" stroke-width="${n(Math.max(1, w * 0.05))}" stroke-linecap="round"/>` +
    `</g></svg>`
  );
}

/** The sticker of cover `c` over `rect`, as rect.width × rect.height × ch bytes (alpha, if any, opaque). */
export async function stickerPatch(c: Cover, rect: Rect, ch: number): Promise<Uint8Array> {
  let img = sharp(Buffer.from(stickerSvg(c, rect)), { density: 72 }).resize(rect.width, rect.height, { fit: 'fill' });
  img = ch === 4 ? img.ensureAlpha(1) : img.removeAlpha();
  const data = await img.raw().toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
