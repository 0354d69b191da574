// Collects what a file gives away as facts, one per fact: the same camera in EXIF and XMP, or the
// same moment written as taken, digitized and modified, is one finding that lists where it was found.
import { clip, dateRoles, findingOrder, sensitiveKinds, type Fact, type Finding } from '../contract/index.js';

/**
 * Text from a file can be megabytes (an AI workflow, a base64 blob in XMP): a fact keeps enough to
 * show what it says, and a list of names a few dozen, so a report stays small whatever the file holds.
 */
function bounded(f: Fact): Fact {
  switch (f.kind) {
    case 'text':
      return f.text === undefined ? f : { ...f, text: clip(f.text, 500) };
    case 'comment':
      return { ...f, text: clip(f.text, 500) };
    case 'place':
    case 'people':
    case 'owner':
    case 'software':
    case 'unknown':
      return { ...f, names: f.names.slice(0, 50).map((n) => clip(n, 200)) };
    case 'structure':
      return { ...f, issues: f.issues.slice(0, 50).map((n) => clip(n, 200)) };
    default:
      return f;
  }
}

/** Facts that are the same fact, whatever block they came from. */
function keyOf(f: Fact): string {
  switch (f.kind) {
    case 'location':
      return `location ${f.lat.toFixed(4)} ${f.lon.toFixed(4)}`;
    case 'date':
      return `date ${f.iso?.slice(0, 16) ?? f.raw.trim()}`;
    case 'serial':
      return `serial ${f.role} ${f.value}`;
    case 'device':
      return `device ${f.role} ${f.name.toLowerCase()}`;
    case 'text':
      return `text ${f.role} ${f.text ?? ''}`;
    case 'comment':
      return `comment ${f.text}`;
    case 'aux-image':
      return `aux ${f.what}`;
    default:
      return f.kind;
  }
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
const sum = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
const withBytes = <T extends object>(o: T, bytes: number | undefined): T => (bytes === undefined ? o : { ...o, bytes });

/** The fact `a` with what `b` adds to it (same key, so the same kind). */
function merge(a: Fact, b: Fact): Fact {
  switch (a.kind) {
    case 'place':
    case 'people':
    case 'owner':
    case 'software':
      return { ...a, names: union(a.names, (b as typeof a).names) };
    case 'date': {
      const o = b as typeof a;
      const role = dateRoles.indexOf(o.role) < dateRoles.indexOf(a.role) ? o.role : a.role;
      const iso = a.iso ?? o.iso;
      return iso ? { ...a, role, iso } : { ...a, role };
    }
    case 'thumbnail':
    case 'aux-image':
    case 'unreadable': {
      const o = b as typeof a;
      return withBytes({ ...a, count: a.count + o.count }, sum(a.bytes, o.bytes));
    }
    case 'block': {
      const o = b as typeof a;
      return { ...a, count: a.count + o.count, bytes: a.bytes + o.bytes };
    }
    case 'unknown': {
      const o = b as typeof a;
      return withBytes({ ...a, count: a.count + o.count, names: union(a.names, o.names) }, sum(a.bytes, o.bytes));
    }
    case 'face-regions':
    case 'document-ids':
      return { ...a, count: Math.max(a.count, (b as typeof a).count) };
    case 'motion-video': {
      const bytes = Math.max(a.bytes ?? 0, (b as typeof a).bytes ?? 0);
      return bytes ? { ...a, bytes } : a;
    }
    case 'structure':
      return { ...a, issues: union(a.issues, (b as typeof a).issues) };
    default:
      return a;
  }
}

export class Findings {
  private readonly byKey = new Map<string, Finding>();

  /** Adds a fact found in `where` (a technical name: "EXIF", "XMP"…); sensitivity follows the kind unless given. */
  add(found: Fact, where?: string, sensitive = sensitiveKinds[found.kind]): void {
    const fact = bounded(found);
    const key = keyOf(fact);
    const had = this.byKey.get(key);
    const places = where ? [where] : [];
    if (!had) {
      this.byKey.set(key, { ...fact, where: places, sensitive });
      return;
    }
    const { where: w, sensitive: s, ...old } = had;
    this.byKey.set(key, { ...bounded(merge(old as Fact, fact)), where: union(w, places).slice(0, 20), sensitive: s || sensitive });
  }

  /** Sensitive findings first; within each group, the kinds a parent cares most about first. */
  sorted(): Finding[] {
    const list = sameDay([...this.byKey.values()]);
    // Dates in the order of their roles: when it was taken first, the GPS clock after.
    const rank = (f: Finding) =>
      (f.sensitive ? 0 : 100) + findingOrder.indexOf(f.kind) + (f.kind === 'date' ? dateRoles.indexOf(f.role) / 10 : 0);
    return list
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

/** A day without a time (IPTC "20240503") is the same fact as a moment on that day: said once. */
function sameDay(list: Finding[]): Finding[] {
  const timed = list.filter((f): f is Extract<Finding, { kind: 'date' }> => f.kind === 'date' && (f.iso?.length ?? 0) > 10);
  return list.filter((f) => {
    if (f.kind !== 'date' || !f.iso || f.iso.length > 10) return true;
    const moment = timed.find((t) => t.iso!.startsWith(f.iso!));
    if (!moment) return true;
    moment.where = union(moment.where, f.where);
    return false;
  });
}

export { clip };
