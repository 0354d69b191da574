// What a file gives away, as facts with typed values. The engine finds them; each door says them in
// the user's language from these fields (words.ts), never from another door's sentence.

/** Which moment a date is: the roles files use, most telling first. */
export const dateRoles = ['taken', 'created', 'digitized', 'modified', 'metadata', 'gps', 'dated'] as const;
export type DateRole = (typeof dateRoles)[number];

/** What an extra image stored beside the photo is. */
export type AuxImage = 'extra' | 'pages' | 'depth' | 'gain-map' | 'matte' | 'alpha' | 'before-blur';

/** What data after the picture's end looks like. */
export type TrailerContent = 'padding' | 'extra-images' | 'video' | 'unknown';

/** One fact, by kind, with the values that say it. */
export type Fact =
  | { kind: 'location'; lat: number; lon: number }
  | { kind: 'location-empty' }
  | { kind: 'place'; names: string[] }
  | { kind: 'people'; names: string[] }
  | { kind: 'face-regions'; count: number }
  /** `iso` (2024-05-03T14:02:00, or a day alone) when the written date could be read, else only `raw`. */
  | { kind: 'date'; role: DateRole; iso?: string; raw: string }
  | { kind: 'owner'; names: string[] }
  | { kind: 'serial'; role: 'camera' | 'lens' | 'image'; value: string }
  | { kind: 'document-ids'; count: number }
  | { kind: 'thumbnail'; count: number; bytes?: number }
  | { kind: 'motion-video'; bytes?: number }
  | { kind: 'aux-image'; what: AuxImage; count: number; bytes?: number }
  | { kind: 'text'; role: 'caption' | 'ai-prompt' | 'overlay' | 'other'; text?: string }
  | { kind: 'comment'; text: string }
  | { kind: 'trailer'; content: TrailerContent; bytes: number }
  | { kind: 'device'; role: 'camera' | 'lens'; name: string }
  | { kind: 'software'; names: string[] }
  | { kind: 'camera-settings' }
  | { kind: 'maker-notes' }
  | { kind: 'orientation'; orientation: number }
  | { kind: 'color-profile'; name?: string }
  | { kind: 'animation'; frames?: number }
  /** Metadata blocks whose content is reported above or says nothing: counted, not described. */
  | { kind: 'block'; count: number; bytes: number }
  /** Data whose meaning is unknown (a vendor's segment, an unknown chunk): reported, since it may say anything. */
  | { kind: 'unknown'; count: number; bytes?: number; names: string[] }
  | { kind: 'unreadable'; count: number; bytes?: number }
  /** The file's layout breaks a rule (technical details in English, for the curious). */
  | { kind: 'structure'; issues: string[] };

export type FindingKind = Fact['kind'];

/** A fact, where the file holds it (technical names, shown as a detail), and whether it says who, where or when. */
export type Finding = Fact & { where: string[]; sensitive: boolean };

/** Kinds that say who, where or when about the people in the photo (shown first, marked •). */
export const sensitiveKinds: Record<FindingKind, boolean> = {
  location: true,
  'location-empty': true,
  place: true,
  people: true,
  'face-regions': true,
  date: true,
  owner: true,
  serial: true,
  'document-ids': true,
  thumbnail: true,
  'motion-video': true,
  'aux-image': true,
  text: true,
  comment: true,
  trailer: true,
  'maker-notes': true,
  unknown: true,
  unreadable: true,
  device: false,
  software: false,
  'camera-settings': false,
  orientation: false,
  'color-profile': false,
  animation: false,
  block: false,
  structure: false,
};

/** The order a parent reads them in: where, who, when, then the rest. */
export const findingOrder: readonly FindingKind[] = [
  'location',
  'place',
  'location-empty',
  'people',
  'face-regions',
  'motion-video',
  'thumbnail',
  'aux-image',
  'date',
  'owner',
  'serial',
  'document-ids',
  'text',
  'comment',
  'trailer',
  'maker-notes',
  'unknown',
  'unreadable',
  'device',
  'software',
  'camera-settings',
  'orientation',
  'color-profile',
  'animation',
  'block',
  'structure',
];
