// Saying the truth, plainly, in the parent's language: the real CLI and the real right-click action,
// in English and in French. verify looks for faces; the summary, --json and the notification count a
// batch with each outcome the same way; re-running and odd inputs are harmless; the courtesies work.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, copySamples, repoRoot, runCli, samplesDir, writeFarGroup } from './helpers/cli.js';
import { makeStubs, run } from './integration/launch.js';

const en = { LANG: 'en_US.UTF-8' };
const fr = { LANG: 'fr_FR.UTF-8' };
const group = path.join(repoRoot, 'test', 'fixtures', 'faces', 'group.jpg');

describe('verify looks for faces', () => {
  it('a photo with visible faces is not safe to share (exit 1), in both languages; --metadata-only checks the details alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-verify-'));
    cpSync(group, path.join(dir, 'group.jpg'));
    const r = runCli(['verify', 'group.jpg'], { cwd: dir, env: en });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ group\.jpg: not safe to share\n {4}\d+ faces found by the detector: cover them first/);
    const f = runCli(['verify', 'group.jpg'], { cwd: dir, env: fr });
    expect(f.code).toBe(1);
    expect(f.stdout).toMatch(
      /^✗ group\.jpg\u202f: pas prête à être partagée\n {4}\d+ visages trouvés par le détecteur\u202f: couvrez-les d’abord/,
    );
    const m = runCli(['verify', '--metadata-only', 'group.jpg'], { cwd: dir, env: en });
    expect(m.stdout).toBe('✓ group.jpg: no hidden details (faces not checked)\n');
    expect(m.code).toBe(0);
    // Its safe copy passes: faces covered, nothing hidden.
    expect(runCli(['group.jpg'], { cwd: dir, env: en }).code).toBe(0);
    const copy = runCli(['verify', 'group.safe.jpg'], { cwd: dir, env: en });
    // The group's 16-px face made its copy one to check: verify says so again.
    expect(copy.stdout).toBe(
      '! group.safe.jpg: safe to share — no hidden details, no face found by the detector\n    ! when this copy was made: very small faces — look at it before sharing\n',
    );
    expect(copy.code).toBe(0);
  });
});

describe('inspect, in English and in French', () => {
  it('faces first, one line per fact from its fields, where it was found in brackets, a legend', () => {
    const dir = copySamples(['IMG_0042.heic']);
    const e = runCli(['inspect', 'IMG_0042.heic'], { cwd: dir, env: en });
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(
      /^IMG_0042\.heic — HEIC, 1024×683, 99\.3 KB\n {2}• \d+ faces found by the detector \(a safe copy covers them\)\n {2}• Location: 43\.2965 N, 5\.3698 E {2}\(EXIF\)\n {2}• Taken on July 14, 2024 at 19:45 {2}\(EXIF\)\n/,
    );
    expect(e.stdout).toContain('(• says who, where or when   · technical detail; where it was found in brackets)');
    const f = runCli(['inspect', 'IMG_0042.heic'], { cwd: dir, env: fr });
    expect(f.stdout).toMatch(
      /^IMG_0042\.heic — HEIC, 1024×683, 99,3 Ko\n {2}• \d+ visages trouvés par le détecteur \(une copie sûre les couvre\)\n {2}• Lieu\u202f: 43,2965 N\u202f; 5,3698 E {2}\(EXIF\)\n {2}• Prise le 14 juillet 2024 à 19:45 {2}\(EXIF\)\n/,
    );
    expect(f.stdout).toContain('· Appareil\u202f: Apple iPhone 13  (EXIF)');
    expect(f.stdout).toContain('(• dit qui, où ou quand   · détail technique\u202f; entre parenthèses, où c’est écrit)');
  });
});

describe('one signal, one meaning: a batch with each outcome', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ss-signals-'));
  const photos = path.join(root, 'photos');
  const stubs = makeStubs(path.join(root, 'stubs'));
  const actionEnv = {
    ...en,
    HOME: root,
    SHARE_SAFELY_CONFIG_DIR: path.join(root, 'config'),
    SHARE_SAFELY_STATE_DIR: path.join(root, 'state'),
    PATH: `${stubs.dir}${path.delimiter}${process.env.PATH}`,
  };
  let human: ReturnType<typeof runCli>;
  let json: ReturnType<typeof runCli>;

  beforeAll(async () => {
    mkdirSync(photos);
    cpSync(path.join(samplesDir, 'portrait-sideways.jpg'), path.join(photos, 'portrait.jpg')); // safe
    cpSync(path.join(samplesDir, 'PXL_20240101_083012.MP.jpg'), path.join(photos, 'beach.jpg')); // a wall, nobody: safe
    await writeFarGroup(path.join(photos, 'far.jpg')); // very small faces: check it
    const whole = readFileSync(path.join(samplesDir, 'astronaut.webp'));
    writeFileSync(path.join(photos, 'cut.webp'), whole.subarray(0, whole.length / 2)); // failed
    writeFileSync(path.join(photos, 'notes.txt'), 'not a photo');
    human = runCli(['--out', path.join(root, 'cli'), photos], { env: en });
    json = runCli(['--json', '--out', path.join(root, 'json'), photos], { env: en });
  });

  it('the CLI marks each photo by its outcome, lists what it left out, and sums up in the same words', () => {
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^✓ .*portrait\.jpg → .*\(1 face covered; removed: /m);
    expect(human.stdout).toMatch(
      /^✓ .*beach\.jpg → .*\(no face covered; .*\n {4}· No face found, and the detector sees nobody in it: nothing to cover\./m,
    );
    expect(human.stdout).toMatch(/^! .*far\.jpg → .*\n {4}! Very small faces were found; smaller ones may have been missed — check\./m);
    expect(human.stderr).toMatch(/^✗ .*cut\.webp: /m);
    expect(human.stderr).toContain('1 file was left out (not a photo Share Safely can read): notes.txt (not a picture)');
    expect(human.stdout.trim().split('\n').at(-1)).toBe(
      '4 photos: 2 safe, 1 to check before sharing, 1 failed — 7 faces covered, GPS removed from 2',
    );
  });

  it('--json counts the same, gives each file its outcome, and a failed file lists nothing as removed', () => {
    const report = JSON.parse(json.stdout);
    expect(report.summary).toMatchObject({ photos: 4, safe: 2, toCheck: 1, failed: 1, skipped: 0 });
    const byName = Object.fromEntries(report.files.map((f: { input: string }) => [path.basename(f.input), f]));
    expect([byName['portrait.jpg'].outcome, byName['beach.jpg'].outcome, byName['far.jpg'].outcome, byName['cut.webp'].outcome]).toEqual([
      'safe',
      'safe',
      'check',
      'failed',
    ]);
    expect(byName['far.jpg'].check).toEqual(['small-face']);
    // Each face with the detector's score and its five points, to audit a cover.
    expect(byName['far.jpg'].found).toHaveLength(6);
    for (const f of byName['far.jpg'].found) {
      expect(f.score).toBeGreaterThan(0.2);
      expect(f.landmarks).toHaveLength(5);
    }
    expect(byName['cut.webp'].removed).toEqual([]);
    expect(report.skipped).toEqual([{ path: path.join(photos, 'notes.txt') }]);
  });

  it('the right-click notification says the same batch in the same words', async () => {
    const r = await run([process.execPath, cliPath, 'action', '--', photos], { cwd: root, env: { ...process.env, ...actionEnv } });
    expect(r.code).toBe(1);
    const body = stubs.calls('notify-send').at(-1)!.at(-1)!;
    expect(
      body.startsWith(
        '4 photos: 2 safe, 1 to check before sharing, 1 failed — 7 faces covered, GPS removed from 2. To check: far.safe.jpg (very small faces). 1 file was left out',
      ),
    ).toBe(true);
  });

  it('in French, the same batch in French words', () => {
    const f = runCli(['--out', path.join(root, 'fr'), photos], { env: fr });
    expect(f.stdout.trim().split('\n').at(-1)).toBe(
      '4 photos\u202f: 2 sûres, 1 à vérifier avant de la partager, 1 en échec — 7 visages couverts, GPS retiré de 2',
    );
    expect(f.stdout).toMatch(
      /^✓ .*beach\.jpg → .*\(aucun visage couvert\u202f; retiré\u202f: lieu, vidéo cachée, dates, données cachées, appareil\)\n {4}· Aucun visage trouvé, et le détecteur n’y voit personne\u202f: rien à cacher\./m,
    );
    expect(f.stderr).toMatch(/cut\.webp\u202f: le fichier est (incomplet|endommagé)/);
    expect(f.stderr).toContain(
      '1 fichier laissé de côté (ce n’est pas une photo que Share Safely sait lire)\u202f: notes.txt (pas une image)',
    );
  });
});

describe('re-running is harmless', () => {
  it('a second run skips a copy made with the same settings ("already made"), not one made with others; --again makes a new one', () => {
    const dir = copySamples(['astronaut.webp']);
    expect(runCli(['--faces', 'none', 'astronaut.webp'], { cwd: dir }).code).toBe(0);
    const again = runCli(['--faces', 'none', 'astronaut.webp'], { cwd: dir });
    expect(again.stdout).toMatch(
      /^- astronaut\.webp → astronaut\.safe\.webp: already made with these settings \(--again makes a new copy\)$/m,
    );
    expect(again.stdout.trim().split('\n').at(-1)).toBe('1 photo: 1 already done');
    // The flag scripts used before skipping was the default is still accepted.
    expect(runCli(['--faces', 'none', '--skip-existing', 'astronaut.webp'], { cwd: dir }).stdout).toMatch(/already made/);
    const other = runCli(['--faces', 'none', '--style', 'solid', '--format', 'png', 'astronaut.webp'], { cwd: dir });
    expect(other.stdout).toMatch(/→ astronaut\.safe\.png/);
    expect(runCli(['--faces', 'none', 'astronaut.safe.webp'], { cwd: dir }).stdout).toMatch(/→ astronaut\.safe-2\.webp/);
    expect(runCli(['--faces', 'none', '--again', 'astronaut.webp'], { cwd: dir }).stdout).toMatch(/→ astronaut\.safe-3\.webp/);
    expect(readdirSync(dir).sort()).toEqual([
      'astronaut.safe-2.webp',
      'astronaut.safe-3.webp',
      'astronaut.safe.png',
      'astronaut.safe.webp',
      'astronaut.webp',
    ]);
  });

  it('a folder walk lists the files it left out and why, and never counts its own output folder', () => {
    const dir = copySamples(['astronaut.webp']);
    writeFileSync(
      path.join(dir, 'DSC_0001.dng'),
      Buffer.concat([Buffer.from('II*\0\x08\0\0\0\x01\0\x12\xc6\x01\0\x04\0\0\0\x01\x04\0\0\0\0\0\0', 'latin1'), Buffer.alloc(64)]),
    );
    writeFileSync(path.join(dir, 'list.txt'), 'milk, eggs');
    const r = runCli(['--faces', 'none', '--out', path.join(dir, 'Safe to share'), dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '2 files were left out (not photos Share Safely can read): DSC_0001.dng (DNG camera RAW), list.txt (not a picture)',
    );
    const again = runCli(['--faces', 'none', '--out', path.join(dir, 'Safe to share'), dir]);
    expect(again.stderr).not.toMatch(/subfolder/);
  });
});

describe('the usual courtesies', () => {
  it("--version, help [command] in the user's language, a usage error in French", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(runCli(['--version']).stdout.trim()).toBe(pkg.version);
    const help = runCli(['help', 'verify'], { env: fr });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Utilisation\u202f: share-safely verify \[options\] <chemins\.\.\.>/);
    expect(help.stdout).toMatch(/--metadata-only {2}vérifier seulement les détails cachés, sans chercher les\s+visages/);
    expect(runCli(['--help'], { env: fr }).stdout).toContain('Exemples\u202f:');
    const bad = runCli(['--faces', 'maybe', 'x.jpg'], { env: fr });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'erreur\u202f: « maybe » n’est pas un choix possible pour --faces <lesquels> (choisissez parmi all, children, none)\n(share-safely --help explique l’utilisation)\n',
    );
  });

  it('the saved language wins over LANG', () => {
    const config = mkdtempSync(path.join(tmpdir(), 'ss-lang-'));
    writeFileSync(path.join(config, 'settings.json'), JSON.stringify({ language: 'fr' }));
    expect(runCli(['--help'], { env: { ...en, SHARE_SAFELY_CONFIG_DIR: config } }).stdout).toMatch(/^Utilisation\u202f:/);
  });

  it('an output folder that cannot be made is an error, not a hang (--out /proc/x)', () => {
    const dir = copySamples(['astronaut.webp']);
    const started = Date.now();
    const r = runCli(['--faces', 'none', '--timeout', '5', '--out', '/proc/share-safely-test', 'astronaut.webp'], {
      cwd: dir,
      timeout: 60_000,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/astronaut\.webp: cannot create the output folder \/proc\/share-safely-test/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync('/proc/share-safely-test')).toBe(false);
  });
});
