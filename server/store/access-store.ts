import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OrganisationKind, Principal, Role } from '../domain/access/policy.ts';
import { holdLock } from './locks.ts';
import type { Sql } from './sql.ts';

export interface AuditEntry {
  seq: number;
  at: string;
  token_id: string | null;
  organisation: string | null;
  role: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before_version: number | null;
  after_version: number | null;
  detail: Record<string, unknown>;
}

export interface AuditWrite {
  action: string;
  objectType: string;
  objectId: string;
  beforeVersion?: number | null;
  afterVersion?: number | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  organisation?: string;
  since?: string;
  limit?: number;
}

const TOKEN_PREFIX = 'og_';

/** Tokens are 256 random bits, so one SHA-256 is enough at rest: there is nothing to brute-force. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Principals by token hash: the token lookup is the one statement every request makes. A revocation empties it,
 * and a lookup that was under way while a token was revoked is not kept. On the embedded store only this process
 * writes tokens, so its own revocations are all there are. On PostgreSQL any server (or `npm run token`) may
 * revoke, so the cache starts deaf and serves nothing until a listener hears the store's revocations
 * (`listenForRevocations`, LISTEN/NOTIFY); while that connection is down it is deaf again.
 */
export class PrincipalCache {
  static readonly MAX = 10_000;
  readonly #entries = new Map<string, Principal>();
  #revocations = 0;
  #hearing: boolean;

  /** `hearing: false` for a store other processes write: nothing is kept until `hearing()` is called. */
  constructor({ hearing = true }: { hearing?: boolean } = {}) {
    this.#hearing = hearing;
  }

  get(hash: string): Principal | undefined {
    return this.#entries.get(hash);
  }

  /** A mark to hand to `keep` after the lookup. */
  get revocations(): number {
    return this.#revocations;
  }

  keep(hash: string, principal: Principal, revocationsBefore: number): void {
    if (!this.#hearing || revocationsBefore !== this.#revocations) return;
    if (this.#entries.size >= PrincipalCache.MAX) this.#entries.clear();
    this.#entries.set(hash, principal);
  }

  revoked(): void {
    this.#revocations++;
    this.#entries.clear();
  }

  /**
   * Revocations are heard from now on. What was revoked while nobody listened is unknown, so the cache starts
   * empty, and a lookup that began before this is not kept.
   */
  hearing(): void {
    this.revoked();
    this.#hearing = true;
  }

  /** Revocations can no longer be heard (the listening connection dropped): keep nothing until `hearing()`. */
  deaf(): void {
    this.#hearing = false;
    this.revoked();
  }
}

/** The channel revocations are announced on; the payload is the schema whose tokens changed. */
export const REVOCATIONS_CHANNEL = 'ondergrond_tokens';

/** Organisations, API tokens and the audit log. */
export class AccessStore {
  constructor(
    private readonly sql: Sql,
    private readonly principals?: PrincipalCache,
  ) {}

  /** The organisation with this name, created with `kind` when missing. */
  async organisation(name: string, kind: OrganisationKind): Promise<{ id: string; name: string; kind: OrganisationKind }> {
    const [existing] = await this.sql.query<{ id: string; name: string; kind: OrganisationKind }>('SELECT id, name, kind FROM organisations WHERE name = $1', [name]);
    if (existing) return existing;
    // Another server may be creating the same organisation right now: then its row is the one.
    const [created] = await this.sql.query<{ id: string; name: string; kind: OrganisationKind }>(
      'INSERT INTO organisations (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id, name, kind',
      [randomUUID(), name, kind],
    );
    if (created) return created;
    const [theirs] = await this.sql.query<{ id: string; name: string; kind: OrganisationKind }>('SELECT id, name, kind FROM organisations WHERE name = $1', [name]);
    return theirs!;
  }

  /** Creates a token; the plain token is returned once and only its hash is kept. */
  async createToken(organisation: string, kind: OrganisationKind, role: Role, label = ''): Promise<{ id: string; token: string }> {
    const org = await this.organisation(organisation, kind);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.sql.query('INSERT INTO tokens (id, hash, org_id, role, label) VALUES ($1, $2, $3, $4, $5)', [id, hashToken(token), org.id, role, label]);
    return { id, token };
  }

  /** The principal a token stands for, or undefined for an unknown or revoked token. */
  async principal(token: string): Promise<Principal | undefined> {
    const hash = hashToken(token);
    const cached = this.principals?.get(hash);
    if (cached) return cached;
    const revocations = this.principals?.revocations ?? 0;
    const [row] = await this.sql.query<{ id: string; role: Role; name: string; kind: OrganisationKind }>(
      `SELECT t.id, t.role, o.name, o.kind FROM tokens t JOIN organisations o ON o.id = t.org_id
        WHERE t.hash = $1 AND t.revoked_at IS NULL`,
      [hash],
    );
    const principal = row && { tokenId: row.id, organisation: row.name, organisationKind: row.kind, role: row.role };
    if (principal) this.principals?.keep(hash, principal, revocations);
    return principal;
  }

  /**
   * A fresh admin token labelled `startup`, revoking the previous start's: the login URL printed at each start
   * (as notebook servers do), without keeping any token in plain text.
   */
  async startupToken(organisation: string): Promise<string> {
    const made = await this.startupTokenOnce(organisation, { sharedWithin_s: 0 });
    if (!('token' in made)) throw new Error('startupTokenOnce shared a token though sharedWithin_s was 0');
    return made.token;
  }

  /**
   * The start-up token for one of several servers starting together on one PostgreSQL: they take turns (an
   * advisory lock), and when a live start-up token is younger than `sharedWithin_s`, another server has just made
   * and printed it, so this one leaves it alone and answers when it was made. Otherwise as `startupToken`.
   *
   * @example await store.access.startupTokenOnce('Gemeente Rotterdam', { sharedWithin_s: 10 }) // { token: 'og_…' } or { sharedSince: '2026-12-01 19:40:02+00' }
   */
  async startupTokenOnce(organisation: string, { sharedWithin_s }: { sharedWithin_s: number }): Promise<{ token: string } | { sharedSince: string }> {
    return this.sql.transaction(async (tx) => {
      await holdLock(tx, 'startup-token', organisation);
      const [recent] = await tx.query<{ created_at: string }>(
        `SELECT created_at::text FROM tokens WHERE label = 'startup' AND revoked_at IS NULL
            AND created_at > clock_timestamp() - $1::int * interval '1 second' ORDER BY created_at DESC LIMIT 1`,
        [sharedWithin_s],
      );
      if (recent) return { sharedSince: recent.created_at };
      const access = new AccessStore(tx, this.principals);
      const revoked = await tx.query(`UPDATE tokens SET revoked_at = now() WHERE label = 'startup' AND revoked_at IS NULL RETURNING id`);
      if (revoked.length > 0) await access.announceRevocation();
      return { token: (await access.createToken(organisation, 'municipality', 'admin', 'startup')).token };
    });
  }

  /** Revokes a live token; false when there is none with this id. Other servers hear of it when the revocation commits. */
  async revokeToken(id: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
      if (rows.length > 0) await new AccessStore(tx, this.principals).announceRevocation();
      return rows.length > 0;
    });
  }

  /**
   * Tells this process's cache now, and every listening server when the transaction commits (NOTIFY is delivered
   * at commit, and not at all on rollback). This process hears its own notification too, which clears a lookup
   * that slipped in between this call and the commit.
   */
  private async announceRevocation(): Promise<void> {
    this.principals?.revoked();
    await this.sql.query('SELECT pg_notify($1, current_schema())', [REVOCATIONS_CHANNEL]);
  }

  async listTokens(): Promise<{ id: string; organisation: string; role: Role; label: string; created_at: string; revoked_at: string | null }[]> {
    return this.sql.query(
      `SELECT t.id, o.name AS organisation, t.role, t.label, t.created_at::text, t.revoked_at::text
         FROM tokens t JOIN organisations o ON o.id = t.org_id ORDER BY t.created_at`,
    );
  }

  async tokenCount(): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM tokens');
    return Number(row?.n ?? 0);
  }

  /** Records one write; call it inside the write's transaction so both land or neither does. */
  async audit(who: Principal | undefined, entry: AuditWrite): Promise<void> {
    await this.sql.query(
      `INSERT INTO audit_log (token_id, organisation, role, action, object_type, object_id, before_version, after_version, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [who?.tokenId ?? null, who?.organisation ?? null, who?.role ?? null, entry.action, entry.objectType, entry.objectId,
        entry.beforeVersion ?? null, entry.afterVersion ?? null, JSON.stringify(entry.detail ?? {})],
    );
  }

  /** Records many writes in one statement (a bulk insert or an import). */
  async auditMany(who: Principal | undefined, entries: readonly AuditWrite[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.query(
      `INSERT INTO audit_log (token_id, organisation, role, action, object_type, object_id, before_version, after_version, detail)
       SELECT $1, $2, $3, e->>'action', e->>'objectType', e->>'objectId', (e->>'beforeVersion')::int, (e->>'afterVersion')::int, coalesce(e->'detail', '{}'::jsonb)
         FROM jsonb_array_elements($4::jsonb) AS e`,
      [who?.tokenId ?? null, who?.organisation ?? null, who?.role ?? null, JSON.stringify(entries)],
    );
  }

  async auditLog({ objectType, objectId, organisation, since, limit = 500 }: AuditQuery = {}): Promise<AuditEntry[]> {
    const rows = await this.sql.query<AuditEntry & { seq: string | number; at: string }>(
      `SELECT seq, at::text, token_id, organisation, role, action, object_type, object_id, before_version, after_version, detail
         FROM audit_log
        WHERE ($1::text IS NULL OR object_type = $1) AND ($2::text IS NULL OR object_id = $2)
          AND ($3::text IS NULL OR organisation = $3) AND ($4::timestamptz IS NULL OR at >= $4::timestamptz)
        ORDER BY seq DESC LIMIT $5`,
      [objectType ?? null, objectId ?? null, organisation ?? null, since ?? null, limit],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}
