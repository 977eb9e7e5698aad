import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { nativeSignatureCheck } from './native-verify';
import { CODE_ALG, CREDENTIAL_TYPE, OFFLINE_CODE_TYPE, VENUE_CODE_TYPE, VENUE_PREFIX, credentialClaims, offlineCodeClaims, venueCodeClaims, type CodeColour, type CodeJwks, type CodeKeySet } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { DataCrypto } from '../lib/data-crypto';
import { randomToken } from '../lib/ids';
import type { AuditLog } from '../audit/audit';
import { ConflictError, NotFoundError } from '../http/errors';
import type { SigningKeysRepository, SigningKeyRow } from './signing-keys.repository';

/** How long a process trusts what it read of the keys table: a rotation or revocation made by
 * another process (the CLI) is seen within this time. */
const CACHE_MS = 10_000;

interface Snapshot {
  at: number;
  rows: SigningKeyRow[];
  signer: { kid: string; key: KeyLike | Uint8Array } | null;
}

/**
 * The code-signing keys (architecture choice 1): Ed25519 through jose, identified by `kid`.
 * The active key signs credentials; retired keys still verify until the codes they signed
 * have expired; revoked keys are published as revoked and refused everywhere.
 */
export class KeysService {
  /** The server's Ed25519 check for the shared verifiers (native, key objects cached). */
  readonly verifySignature = nativeSignatureCheck();

  private snapshot: Snapshot | null = null;

  constructor(
    private readonly repo: SigningKeysRepository,
    private readonly crypto: DataCrypto,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly issuerRegion: string,
  ) {}

  /** At start: makes the first key when there is none. */
  async ensureActiveKey(): Promise<string> {
    const active = await this.repo.active();
    if (active) return active.kid;
    return this.createKey();
  }

  /** Starts signing with a new key; the old one keeps verifying (retired). */
  async rotate(actor: { id: string | null; role: string }): Promise<string> {
    const kid = await this.createKey();
    await this.audit.write({ actorId: actor.id, actorRole: actor.role, action: 'signing_key.rotate', targetType: 'signing_key', targetId: kid });
    return kid;
  }

  /** Refuses every code a key signed (a leaked key). Revoking the active key rotates first. */
  async revoke(kid: string, actor: { id: string | null; role: string }, reason: string): Promise<{ revoked: string; active: string }> {
    const row = await this.repo.find(kid);
    if (!row) throw new NotFoundError('SIGNING_KEY_NOT_FOUND');
    if (row.status === 'revoked') throw new ConflictError('SIGNING_KEY_ALREADY_REVOKED');
    const active = row.status === 'active' ? await this.createKey() : (await this.repo.active())?.kid ?? (await this.createKey());
    await this.repo.revoke(kid, this.clock.now());
    this.snapshot = null;
    await this.audit.write({ actorId: actor.id, actorRole: actor.role, action: 'signing_key.revoke', targetType: 'signing_key', targetId: kid, details: { reason } });
    return { revoked: kid, active };
  }

  async list(): Promise<Array<{ kid: string; status: string; createdAt: string; retiredAt: string | null; revokedAt: string | null }>> {
    return (await this.repo.all()).map((k) => ({
      kid: k.kid,
      status: k.status,
      createdAt: k.createdAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }

  /** The public keys, as published at /.well-known/jwks.json. */
  async jwks(): Promise<CodeJwks> {
    const { rows } = await this.load();
    return {
      keys: rows
        .filter((r) => r.status !== 'revoked')
        .map((r) => {
          const jwk = JSON.parse(r.publicJwk) as { x: string };
          return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: r.kid, alg: 'EdDSA', use: 'sig' } as const;
        }),
      revoked: rows.filter((r) => r.status === 'revoked').map((r) => r.kid),
    };
  }

  /** The same keys in the form the shared verifier takes. */
  async keySet(): Promise<CodeKeySet> {
    const jwks = await this.jwks();
    return { keys: jwks.keys.map((k) => ({ kid: k.kid, x: k.x })), revoked: jwks.revoked };
  }

  /** Signs a health credential with the active key. */
  async signCredential(input: {
    codeId: string;
    colour: CodeColour;
    vaccinated: boolean;
    devicePublicKey: string;
    ttlSeconds: number;
  }): Promise<{ token: string; kid: string; issuedAt: Date; expiresAt: Date }> {
    const { issuedAt, expiresAt } = this.lifetime(input.ttlSeconds);
    return this.sign(CREDENTIAL_TYPE, credentialClaims({ ...input, issuerRegion: this.issuerRegion, issuedAt, expiresAt }), issuedAt, expiresAt);
  }

  /** Signs a printed offline code (R27): no device key, a life of days. */
  async signOfflineCode(input: { codeId: string; colour: CodeColour; vaccinated: boolean; ttlSeconds: number }) {
    const { issuedAt, expiresAt } = this.lifetime(input.ttlSeconds);
    return this.sign(OFFLINE_CODE_TYPE, offlineCodeClaims({ ...input, issuerRegion: this.issuerRegion, issuedAt, expiresAt }), issuedAt, expiresAt);
  }

  /** Signs a venue's poster code (R14): no expiry; the venue's state is checked at each scan. */
  async signVenueCode(venueCodeId: string): Promise<{ text: string; kid: string }> {
    const issuedAt = this.clock.now();
    const signed = await this.sign(VENUE_CODE_TYPE, venueCodeClaims({ venueCodeId, issuerRegion: this.issuerRegion, issuedAt }), issuedAt, issuedAt);
    return { text: `${VENUE_PREFIX}${signed.token}`, kid: signed.kid };
  }

  private lifetime(ttlSeconds: number): { issuedAt: Date; expiresAt: Date } {
    const issuedAt = this.clock.now();
    // Whole seconds, as the token carries them.
    return { issuedAt, expiresAt: new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + ttlSeconds * 1000) };
  }

  private async sign(typ: string, claims: object, issuedAt: Date, expiresAt: Date) {
    const { signer } = await this.load();
    if (!signer) throw new Error('no active signing key: ensureActiveKey() runs at start');
    const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: CODE_ALG, kid: signer.kid, typ }).sign(signer.key);
    return { token, kid: signer.kid, issuedAt, expiresAt };
  }

  private async createKey(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const now = this.clock.now();
    // A kid that sorts by time and says nothing else.
    const kid = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomToken(6)}`;
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    await this.repo.insertActive(
      { kid, alg: CODE_ALG, publicJwk: JSON.stringify(publicJwk), privateSealed: this.crypto.encrypt(JSON.stringify(privateJwk)), createdAt: now },
      now,
    );
    this.snapshot = null;
    return kid;
  }

  private async load(): Promise<Snapshot> {
    const nowMs = Date.now();
    if (this.snapshot && nowMs - this.snapshot.at < CACHE_MS) return this.snapshot;
    const rows = await this.repo.all();
    const active = rows.find((r) => r.status === 'active');
    const signer = active
      ? { kid: active.kid, key: await importJWK(JSON.parse(this.crypto.decrypt(active.privateSealed)) as JWK, CODE_ALG) }
      : null;
    this.snapshot = { at: nowMs, rows, signer };
    return this.snapshot;
  }
}
