// For measuring only (the product does not run it): face-api's SSD MobileNet v1 on a 512-px copy, the second opinion for the faces
// YuNet is weakest on (masked, turned, partly hidden), at a strict score. SSD sees every input at
// 512×512, so a larger copy would cost the same and show nothing more.
import sharp from 'sharp';
import type { RawImage, Rect } from '../../src/types.js';
import { withNet } from '../../src/faces/model.js';

const side = 512;

/** Faces SSD finds in `img` at score ≥ minScore, in the picture's pixels. */
export async function ssdFaces(img: RawImage, minScore: number): Promise<{ box: Rect; score: number }[]> {
  const api = await withNet('ssdMobilenetv1');
  const k = Math.min(1, side / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * k));
  const height = Math.max(1, Math.round(img.height * k));
  const pixels = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .removeAlpha()
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const input = api.tf.tensor3d(pixels, [height, width, 3], 'int32');
  try {
    const found = await api.detectAllFaces(input, new api.SsdMobilenetv1Options({ minConfidence: minScore, maxResults: 500 }));
    return found.map((d) => ({
      box: { x: d.box.x / k, y: d.box.y / k, width: d.box.width / k, height: d.box.height / k },
      score: d.score,
    }));
  } finally {
    input.dispose();
  }
}
