import { streetExtent } from '../domain/streets/street-segments.ts';
import type { Message } from '../domain/message.ts';
import { type Principal, canWriteLayer } from '../domain/access/policy.ts';
import type { Asset, StreetAsset } from '../domain/assets/layers.ts';
import { type SegmentLanes, generateLaneReservations } from '../domain/space/profiles.ts';
import type { StreetProfile } from '../domain/space/street-profile.ts';
import { type Invalid, invalid, quoted } from '../domain/validation.ts';
import type { BBox } from '../geo/crs.ts';
import type { AuditWrite } from '../store/access-store.ts';
import type { Store } from '../store/index.ts';

/** Most street segments one request lays reservations on (ONDERGROND_RESERVE_MAX_SEGMENTS). */
/** How far around the chosen segments other streets are read, and at most how many. */
const AROUND_M = 50;
const AROUND_MAX = 20_000;

export const DEFAULT_RESERVE_MAX_SEGMENTS = 200;

export interface GenerateReservationsInput {
  /** A profile id for every segment; chosen per segment (street type, width) when absent. */
  profile?: string;
  /** Street segments by `segment_id` or feature id. */
  segments?: readonly string[];
  /** Or every street segment meeting this RD New box. */
  bbox?: BBox;
  /** Who the reservations are for; the caller's organisation when absent (required without a caller). */
  owner?: string;
}

export interface GenerateReservationsSettings {
  profiles: readonly StreetProfile[];
  maxSegments: number;
}

export type GenerateReservationsResult =
  | { ok: true; reservations: Asset[]; segments: SegmentLanes[]; created: number; updated: number; unchanged: number; removed: string[] }
  | { ok: false; reason: 'invalid'; errors: Invalid[] }
  | { ok: false; reason: 'too-many'; count: number; max: number }
  | { ok: false; reason: 'forbidden'; refusal: Message };

/**
 * Lays lane reservations from street profiles on chosen street segments, in one transaction with an audit entry per
 * reservation created, changed or removed. Ids are stable (`<profile>:<segment>:<lane>:<side>`), so generating again
 * updates the reservations in place; reservations an earlier generation laid on these segments (source
 * `profile:…`, same owner) that the new one no longer makes — another profile, a lane that no longer fits — are
 * removed. Only a municipality (or an admin) may, for itself, and never over a reservation of another owner; the
 * local CLI (`who` undefined) owns its store. At most `maxSegments` per request.
 *
 * @example const result = await generateReservations(store, principal, { profiles, maxSegments: 200 }, { segments: ['hudsonstraat-1'] });
 *   result.ok ? [result.created, result.updated] : result.reason // [11, 0], or 'forbidden'
 */
export async function generateReservations(store: Store, who: Principal | undefined, settings: GenerateReservationsSettings, input: GenerateReservationsInput): Promise<GenerateReservationsResult> {
  const owner = input.owner ?? who?.organisation;
  if (!owner) return { ok: false, reason: 'invalid', errors: [invalid('owner', 'validation.required')] };
  const asked = [...new Set(input.segments ?? [])];
  if (asked.length === 0 && !input.bbox) return { ok: false, reason: 'invalid', errors: [invalid('segments', 'validation.reserve.none')] };
  if (who) {
    const decision = canWriteLayer(who, 'reservations', owner);
    if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
  }
  if (asked.length > settings.maxSegments) return { ok: false, reason: 'too-many', count: asked.length, max: settings.maxSegments };
  let streets: StreetAsset[];
  if (asked.length > 0) {
    streets = (await store.features.bySegment('streets', asked, settings.maxSegments + 1)) as StreetAsset[];
    const found = new Set(streets.flatMap((s) => [s.id, String(s.properties.segment_id ?? '')]));
    const unknown = asked.filter((id) => !found.has(id));
    if (unknown.length > 0) return { ok: false, reason: 'invalid', errors: unknown.map((id) => invalid('segments', 'validation.reserve.segment-unknown', { value: quoted(id) })) };
  } else {
    const bbox = input.bbox!;
    streets = (await store.features.inBbox('streets', bbox, settings.maxSegments + 1)) as StreetAsset[];
    if (streets.length === 0) return { ok: false, reason: 'invalid', errors: [invalid('bbox', 'validation.reserve.no-segments-in-bbox', { value: bbox.join(',') })] };
  }
  if (streets.length > settings.maxSegments) return { ok: false, reason: 'too-many', count: streets.length, max: settings.maxSegments };

  // The streets around the chosen ones, so kept space stops short of every street it would cross.
  const [minX, minY, maxX, maxY] = streetExtent(streets.map((s) => s.geometry));
  const around = (await store.features.inBbox('streets', [minX - AROUND_M, minY - AROUND_M, maxX + AROUND_M, maxY + AROUND_M], AROUND_MAX)) as StreetAsset[];
  const generated = generateLaneReservations(streets, settings.profiles, { owner, around, ...(input.profile ? { profile: input.profile } : {}) });
  if (!generated.ok) return { ok: false, reason: 'invalid', errors: generated.errors };
  const { reservations, segments } = generated;
  const ids = new Set(reservations.map((r) => r.id));

  return store.transaction<GenerateReservationsResult>(async (tx) => {
    const before = new Map((await tx.features.stamps('reservations', [...ids], { lock: true })).map((s) => [s.id, s]));
    // Ownership is checked against the stored record: a reservation another organisation laid stays its own.
    for (const stamp of who ? before.values() : []) {
      const decision = canWriteLayer(who!, 'reservations', stamp.owner);
      if (!decision.allowed) return { ok: false, reason: 'forbidden', refusal: decision.reason };
    }
    const earlier = (await tx.features.bySegment('reservations', segments.map((s) => s.segment)))
      .filter((r) => !ids.has(r.id) && r.properties.owner === owner && String(r.properties.source ?? '').startsWith('profile:'));
    const audit: AuditWrite[] = [];
    for (const r of earlier) {
      const removed = await tx.features.remove('reservations', r.id, r.properties.version);
      if (removed.ok) audit.push({ action: 'delete', objectType: 'reservations', objectId: r.id, beforeVersion: r.properties.version, detail: { source: 'generate' } });
    }
    const written = reservations.length ? await tx.features.insert('reservations', reservations, { upsert: true }) : { ok: true as const, ids: [], created: 0, updated: 0, written: [] };
    if (!written.ok) throw new Error('an upsert of reservations reported existing ids, which it must not');
    const versions = new Map((written.written ?? []).map((w) => [w.id, w.version]));
    for (const [id, version] of versions) {
      const was = before.get(id);
      audit.push(was
        ? { action: 'update', objectType: 'reservations', objectId: id, beforeVersion: was.version, afterVersion: version, detail: { source: 'generate' } }
        : { action: 'create', objectType: 'reservations', objectId: id, afterVersion: version, detail: { source: 'generate' } });
    }
    await tx.access.auditMany(who, audit);
    const stored = reservations.map((r) => ({ ...r, properties: { ...r.properties, version: versions.get(r.id) ?? before.get(r.id)?.version ?? 1 } }));
    return {
      ok: true,
      reservations: stored,
      segments,
      created: written.created,
      updated: written.updated,
      unchanged: reservations.length - written.created - written.updated,
      removed: earlier.map((r) => r.id),
    };
  });
}
