// Per-set accumulation of the faces evaluation, shared by eval.ts (live detector) and tune.ts
// (cached detections). Every coverage figure comes with its cost: on sets with annotated faces,
// coverage by face size and on children's images beside the share of the picture covered and the
// collateral (covered outside every face zone); on sets with no person, how many photos got a
// cover at all, how many, and how large.
import type { Cover, Face, Rect } from '../../src/types.js';
import { boxShare, bucketOf, buckets, faceZones, maskShare, matchAtIou, mergedCovers, percentile, rasterise, spoiled } from './score.js';

interface Count {
  faces: number;
  covered: number;
  matched: number;
}

export interface ImageResult {
  name: string;
  width: number;
  height: number;
  /** Annotated boxes, upright; those under 4 px are annotation noise: not counted as faces, but part of the face zones. */
  truth: Rect[];
  child: boolean;
  /** The set has no person at all: every cover is a false one. */
  personFree: boolean;
  faces: Face[];
  covers: Cover[];
}

const count = (): Count => ({ faces: 0, covered: 0, matched: 0 });
const pct = (n: number, d: number, digits = 1) => (d === 0 ? null : Math.round(10 ** digits * ((100 * n) / d)) / 10 ** digits);
const per = (n: number, d: number) => (d === 0 ? null : Math.round((100 * n) / d) / 100);
/** A cover larger than this share of the picture spoils it, whatever it covers. */
const largeCover = 0.05;

export class SetTally {
  readonly all = count();
  readonly bySize = Object.fromEntries(buckets.map((b) => [b, count()])) as Record<(typeof buckets)[number], Count>;
  readonly kids = count();
  kidImages = 0;
  images = 0;
  covers = 0;
  merged = 0;
  readonly covered: number[] = [];
  readonly collateral: { share: number; name: string }[] = [];
  /** Person-free photos: per photo, its covers and the share of the picture each takes. */
  readonly falseCovers: { name: string; shares: number[] }[] = [];
  readonly lines: string[] = [];

  add(r: ImageResult): void {
    this.images++;
    this.covers += r.covers.length;
    if (r.personFree) {
      const shares = r.covers.map((c) => maskShare(rasterise([c], r.width, r.height)));
      this.falseCovers.push({ name: r.name, shares });
      this.lines.push(
        `${r.name.padEnd(36)} ${r.covers.length} cover(s)${shares.length ? ': ' + shares.map((s) => `${(100 * s).toFixed(1)} %`).join(' ') : ''}`,
      );
      return;
    }
    const mask = rasterise(r.covers, r.width, r.height);
    const truth = r.truth.filter((b) => b.width >= 4 && b.height >= 4);
    const matched = matchAtIou(
      truth,
      r.faces.map((f) => f.box),
    );
    if (r.child) this.kidImages++;
    let covered = 0;
    truth.forEach((t, i) => {
      const share = boxShare(t, mask, r.width, r.height);
      if (share === null) return;
      const isCovered = share >= 0.8 ? 1 : 0;
      covered += isCovered;
      for (const g of r.child ? [this.all, this.bySize[bucketOf(t)], this.kids] : [this.all, this.bySize[bucketOf(t)]]) {
        g.faces++;
        g.covered += isCovered;
        g.matched += matched[i] ? 1 : 0;
      }
    });
    const s = spoiled(mask, faceZones(r.truth, r.width, r.height));
    this.covered.push(s.covered);
    this.collateral.push({ share: s.collateral, name: r.name });
    const merged = mergedCovers(r.covers, r.truth);
    this.merged += merged;
    this.lines.push(
      `${r.name.padEnd(36)} ${covered}/${truth.length} covered, ${r.faces.length} found, ${r.covers.length} covers` +
        `${merged ? ` (${merged} over two faces)` : ''}, ${(100 * s.covered).toFixed(1)} % of the picture covered, ${(100 * s.collateral).toFixed(1)} % outside the faces`,
    );
  }

  /** The figures as one JSON-ready object. */
  summary() {
    const s = (t: Count) => ({ faces: t.faces, coverage: pct(t.covered, t.faces), recall: pct(t.matched, t.faces) });
    if (this.falseCovers.length) {
      const photos = this.falseCovers.length;
      const all = this.falseCovers.flatMap((f) => f.shares.map((share) => ({ share, name: f.name })));
      return {
        images: photos,
        personFree: {
          photosWithCover: pct(this.falseCovers.filter((f) => f.shares.length > 0).length, photos),
          coversPerPhoto: per(this.covers, photos),
          coversOver5Pct: all.filter((c) => c.share > largeCover).length,
          worst: all
            .sort((a, b) => b.share - a.share)
            .slice(0, 10)
            .map((c) => `${c.name} ${(100 * c.share).toFixed(1)} %`),
        },
      };
    }
    const coll = this.collateral.map((c) => c.share);
    const atLeast = (...b: (typeof buckets)[number][]) => {
      const f = b.reduce((n, k) => n + this.bySize[k].faces, 0);
      return pct(
        b.reduce((n, k) => n + this.bySize[k].covered, 0),
        f,
      );
    };
    return {
      images: this.images,
      ...s(this.all),
      coverage10: atLeast('10-20', '20-50', '>=50'),
      coverage20: atLeast('20-50', '>=50'),
      buckets: Object.fromEntries(buckets.map((b) => [b, s(this.bySize[b])])),
      ...(this.kidImages > 0 && { children: { images: this.kidImages, ...s(this.kids) } }),
      coveredMeanPct: pct(
        this.covered.reduce((a, b) => a + b, 0),
        this.images,
      ),
      collateralMeanPct: pct(
        coll.reduce((a, b) => a + b, 0),
        this.images,
        2,
      ),
      collateralP90Pct: Math.round(10000 * percentile(coll, 90)) / 100,
      imagesCollateralOver10Pct: coll.filter((c) => c > 0.1).length,
      covers: this.covers,
      mergedCovers: this.merged,
      worstCollateral: [...this.collateral]
        .sort((a, b) => b.share - a.share)
        .slice(0, 5)
        .map((c) => `${c.name} ${(100 * c.share).toFixed(1)} %`),
    };
  }

  /** The table: coverage and recall by face size and on children's images, then what the covers cost. */
  table(): string[] {
    const s = this.summary();
    if ('personFree' in s && s.personFree) {
      const f = s.personFree;
      return [
        `no person in ${s.images} photos: ${f.photosWithCover} % got a cover, ${f.coversPerPhoto} covers per photo, ${f.coversOver5Pct} covers larger than 5 % of the picture`,
        ...(f.worst.length ? ['largest false covers: ' + f.worst.join(', ')] : []),
      ];
    }
    const row = (label: string, t: Count) =>
      `${label.padEnd(10)} ${String(t.faces).padStart(6)} ${String(pct(t.covered, t.faces) ?? '-').padStart(9)} ${String(pct(t.matched, t.faces) ?? '-').padStart(12)}`;
    const out = [
      `${'faces'.padEnd(10)} ${'count'.padStart(6)} ${'covered%'.padStart(9)} ${'recall@.5%'.padStart(12)}`,
      row('all', this.all),
    ];
    for (const b of buckets) out.push(row(b + ' px', this.bySize[b]));
    if (this.kidImages) out.push(row('children', this.kids) + `   (${this.kidImages} images)`);
    if ('collateralMeanPct' in s) {
      out.push(
        `${s.coveredMeanPct} % of each picture covered; collateral (outside every face zone) mean ${s.collateralMeanPct} %, ` +
          `p90 ${s.collateralP90Pct} %, ${s.imagesCollateralOver10Pct} pictures over 10 %; ${s.covers} covers, ${s.mergedCovers} over two faces`,
      );
    }
    return out;
  }
}
