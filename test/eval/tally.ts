// Per-set accumulation of the faces evaluation, shared by eval.ts (live detector) and tune.ts
// (cached detections): coverage and recall by face size and on children's images, false regions,
// false faces and the share of each picture covered, with animals' images kept apart.
import type { Face, Rect } from '../../src/types.js';
import { bucketOf, buckets, coveredArea, coveredFraction, falseFaces, falseRegions, matchAtIou } from './score.js';

interface Count {
  faces: number;
  covered: number;
  matched: number;
}

export interface ImageResult {
  name: string;
  width: number;
  height: number;
  /** Annotated boxes, upright; those under 4 px are annotation noise but still count as faces for false regions. */
  truth: Rect[];
  child: boolean;
  animal: boolean;
  faces: Face[];
  regions: Rect[];
}

const count = (): Count => ({ faces: 0, covered: 0, matched: 0 });
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const per = (n: number, d: number) => (d === 0 ? null : Math.round((100 * n) / d) / 100);

export class SetTally {
  readonly all = count();
  readonly bySize = Object.fromEntries(buckets.map((b) => [b, count()])) as Record<(typeof buckets)[number], Count>;
  readonly kids = count();
  kidImages = 0;
  images = 0;
  readonly people = { images: 0, falseRegions: 0, falseFaces: 0, area: 0 };
  readonly noFace = { images: 0, falseRegions: 0, area: 0 };
  readonly animals = { images: 0, regions: 0, area: 0 };
  readonly lines: string[] = [];

  add(r: ImageResult): void {
    this.images++;
    const truth = r.truth.filter((b) => b.width >= 4 && b.height >= 4);
    const matched = matchAtIou(truth, r.faces.map((f) => f.box));
    if (r.child) this.kidImages++;
    let covered = 0;
    truth.forEach((t, i) => {
      const isCovered = coveredFraction(t, r.regions) >= 0.8 ? 1 : 0;
      covered += isCovered;
      for (const g of r.child ? [this.all, this.bySize[bucketOf(t)], this.kids] : [this.all, this.bySize[bucketOf(t)]]) {
        g.faces++;
        g.covered += isCovered;
        g.matched += matched[i] ? 1 : 0;
      }
    });
    const area = coveredArea(r.regions, r.width, r.height);
    const falses = r.animal ? 0 : falseRegions(r.regions, r.truth);
    if (r.animal) {
      this.animals.images++;
      this.animals.area += area;
      this.animals.regions += r.regions.length;
    } else if (r.truth.length === 0) {
      this.noFace.images++;
      this.noFace.area += area;
      this.noFace.falseRegions += falses;
    } else {
      this.people.images++;
      this.people.area += area;
      this.people.falseRegions += falses;
      this.people.falseFaces += falseFaces(r.faces.map((f) => f.box), r.truth);
    }
    const sizes = r.regions.map((g) => `${g.width}×${g.height}`).join(' ');
    this.lines.push(
      `${r.name.padEnd(28)} ${r.animal ? 'animal' : `${covered}/${truth.length} covered`}, ${r.faces.length} found, ` +
        `${falses} false region(s), ${(100 * area).toFixed(1)} % of the picture covered: ${sizes}`,
    );
  }

  /** The figures as one JSON-ready object. */
  summary() {
    const s = (t: Count) => ({ faces: t.faces, coverage: pct(t.covered, t.faces), recall: pct(t.matched, t.faces) });
    const { people, noFace, animals } = this;
    return {
      images: this.images,
      ...s(this.all),
      buckets: Object.fromEntries(buckets.map((b) => [b, s(this.bySize[b])])),
      children: { images: this.kidImages, ...s(this.kids) },
      falseRegionsPerImage: per(people.falseRegions + noFace.falseRegions, this.images - animals.images),
      // On the images with annotated faces: detections overlapping none, and the share of each picture covered.
      falseFacesPerImage: per(people.falseFaces, people.images),
      coveredAreaPct: pct(people.area, people.images),
      ...(noFace.images > 0 && {
        noFace: { images: noFace.images, falseRegionsPerImage: per(noFace.falseRegions, noFace.images), coveredAreaPct: pct(noFace.area, noFace.images) },
      }),
      ...(animals.images > 0 && {
        animals: { images: animals.images, regionsPerImage: per(animals.regions, animals.images), coveredAreaPct: pct(animals.area, animals.images) },
      }),
    };
  }

  /** The table: coverage and recall by face size and on children's images, then the false regions. */
  table(): string[] {
    const row = (label: string, t: Count) =>
      `${label.padEnd(10)} ${String(t.faces).padStart(6)} ${String(pct(t.covered, t.faces) ?? '-').padStart(9)} ${String(pct(t.matched, t.faces) ?? '-').padStart(12)}`;
    const s = this.summary();
    const out = [`${'faces'.padEnd(10)} ${'count'.padStart(6)} ${'covered%'.padStart(9)} ${'recall@.5%'.padStart(12)}`, row('all', this.all)];
    for (const b of buckets) out.push(row(b + ' px', this.bySize[b]));
    out.push(row('children', this.kids) + `   (${this.kidImages} images)`);
    out.push(`false regions/image ${s.falseRegionsPerImage}, false faces/image ${s.falseFacesPerImage}, ${s.coveredAreaPct} % of each picture covered`);
    if (s.noFace) out.push(`no face in ${s.noFace.images} images: false regions/image ${s.noFace.falseRegionsPerImage}, ${s.noFace.coveredAreaPct} % of each picture covered`);
    if (s.animals) out.push(`animals in ${s.animals.images} images: regions/image ${s.animals.regionsPerImage}, ${s.animals.coveredAreaPct} % covered`);
    return out;
  }
}
