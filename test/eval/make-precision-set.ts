// Builds the "ordinary photos" evaluation set in a temporary folder and prints its path:
//   npm run eval -- --set "$(npx tsx test/eval/make-precision-set.ts)"
// Pictures with no face at all (textures, objects, a galaxy field), one with a cat, and the
// project's own one-person portraits and group photos with their known face boxes. It measures what
// kaggle_dev cannot: how much of an ordinary photo the product covers that is not a face.
// Sources: Debian's python3-skimage pictures (public domain / CC0, see
// test/fixtures/samples/README.md) and the fixtures made from them.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const skimage = '/usr/lib/python3/dist-packages/skimage/data';
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
// The folder's name is the set's name in the eval's output.
const out = process.argv[2] ?? path.join(mkdtempSync(path.join(tmpdir(), 'eval-')), 'ordinary');
mkdirSync(out, { recursive: true });

type Box = [number, number, number, number];
const boxes: Record<string, Box[]> = {};

const noFace = [
  'brick.png',
  'grass.png',
  'gravel.png',
  'coins.png',
  'hubble_deep_field.jpg',
  'motorcycle_left.png',
  'coffee.png',
  'rocket.jpg',
];
for (const name of noFace) {
  copyFileSync(path.join(skimage, name), path.join(out, name));
  boxes[name] = [];
}
// A cat's face: not a person, so a cover on it is collateral like any other.
copyFileSync(path.join(skimage, 'chelsea.png'), path.join(out, 'chelsea.png'));
boxes['chelsea.png'] = [];

// The astronaut's face in skimage's astronaut.png, brows to chin (as in fixtures/faces/make-group.py).
const face = { x: 181, y: 73, width: 83, height: 102 };
const scaled = (k: number, dx = 0, dy = 0): Box =>
  [dx + face.x * k, dy + face.y * k, face.width * k, face.height * k].map(Math.round) as Box;

// Sample photos, as make-samples.mjs builds them (all upright except portrait-sideways.jpg).
const samples = path.join(fixtures, 'samples');
for (const name of ['portrait-sideways.jpg', 'astronaut.webp', 'cameraman.png', 'IMG_20240503_140212.jpg']) {
  copyFileSync(path.join(samples, name), path.join(out, name));
}
const upright: Record<string, Box[]> = {
  // A 384×512 crop from x = 48.
  'portrait-sideways.jpg': [scaled(1, -48)],
  'astronaut.webp': [scaled(400 / 512)],
  // The cameraman's profile, ear to nose and brows to chin (annotated by eye).
  'cameraman.png': [[182, 118, 74, 80]],
  'IMG_20240503_140212.jpg': groupHeads(),
};

/** Face boxes in the launch-pad group photo: heads cut at (140, 20, 170 × 200) and placed at width w. */
function groupHeads(): Box[] {
  const people = [
    { w: 240, x: 180, y: 260, flip: false },
    { w: 170, x: 620, y: 330, flip: true },
    { w: 120, x: 980, y: 380, flip: false },
    { w: 80, x: 1260, y: 430, flip: true },
  ];
  return people.map(({ w, x, y, flip }) => {
    const k = w / 170;
    const fx = flip ? 170 - (face.x - 140) - face.width : face.x - 140;
    return [x + fx * k, y + (face.y - 20) * k, face.width * k, face.height * k].map(Math.round) as Box;
  });
}

copyFileSync(path.join(fixtures, 'faces', 'group.jpg'), path.join(out, 'group.jpg'));
upright['group.jpg'] = (JSON.parse(readFileSync(path.join(fixtures, 'faces', 'group.json'), 'utf8')) as { faces: Box[] }).faces;

// The eval reads upright boxes from boxes_oriented.json; boxes.json keeps the corpus' stored-grid form.
const oriented: Record<string, Box[]> = { ...boxes, ...upright };
for (const [name, list] of Object.entries(upright)) {
  const meta = await sharp(path.join(out, name)).metadata();
  // Orientation 6 stores the upright picture turned a quarter left: stored (x, y) = (upright y, H − upright x − w).
  boxes[name] = meta.orientation === 6 ? list.map(([x, y, w, h]) => [y, meta.height! - x - w, h, w] as Box) : list;
}
writeFileSync(path.join(out, 'boxes.json'), JSON.stringify(boxes, null, 1));
writeFileSync(path.join(out, 'boxes_oriented.json'), JSON.stringify(oriented, null, 1));
console.log(out);
