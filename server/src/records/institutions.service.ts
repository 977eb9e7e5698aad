import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit';
import type { AuthState, InstitutionState } from '../http/route';
import { ConflictError, NotFoundError } from '../http/errors';
import type { Clock } from '../lib/clock';
import type { DataCrypto } from '../lib/data-crypto';
import { newId, randomToken } from '../lib/ids';
import type { Institution, InstitutionKind, InstitutionsRepository } from './institutions.repository';

const SECRET_DOMAIN = 'institution-secret';
const API_KEY = /^inst_([A-Za-z0-9_-]{8,40})\.([A-Za-z0-9_-]{16,128})$/;

/**
 * Officials register testing institutions and vaccination units (R28, R29) and revoke them;
 * each gets an API key shown once. Every official action is audited in its transaction (R33).
 */
export class InstitutionsService {
  constructor(
    private readonly db: Knex,
    private readonly repo: InstitutionsRepository,
    private readonly audit: AuditLog,
    private readonly crypto: DataCrypto,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthState, input: { name: string; kind: InstitutionKind }): Promise<{ institution: Institution; secret: string; apiKey: string }> {
    const now = this.clock.now();
    const secret = randomToken(32);
    const institution: Institution = {
      id: newId(now.getTime()),
      name: input.name,
      kind: input.kind,
      keyId: randomToken(12),
      secretHash: this.hashSecret(secret),
      status: 'active',
      createdBy: actor.accountId,
      createdAt: now,
      revokedAt: null,
    };
    await this.db.transaction(async (trx) => {
      await this.repo.insert(institution, trx);
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'institution.create',
          targetType: 'institution',
          targetId: institution.id,
          details: { name: institution.name, kind: institution.kind, keyId: institution.keyId },
        },
        trx,
      );
    });
    return { institution, secret, apiKey: `inst_${institution.keyId}.${secret}` };
  }

  list(): Promise<Institution[]> {
    return this.repo.list();
  }

  async revoke(actor: AuthState, id: string): Promise<Institution> {
    return this.db.transaction(async (trx) => {
      const institution = await this.repo.findById(id, trx);
      if (!institution) throw new NotFoundError('INSTITUTION_NOT_FOUND');
      const now = this.clock.now();
      if (!(await this.repo.revoke(id, now, trx))) throw new ConflictError('INSTITUTION_ALREADY_REVOKED');
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'institution.revoke',
          targetType: 'institution',
          targetId: id,
          details: { name: institution.name, kind: institution.kind, keyId: institution.keyId },
        },
        trx,
      );
      return { ...institution, status: 'revoked', revokedAt: now };
    });
  }

  /**
   * The institution an API key belongs to, or null when the key is malformed, unknown, wrong
   * or revoked (one answer for all: a caller learns nothing about which).
   */
  async authenticate(apiKey: string): Promise<InstitutionState | null> {
    const match = API_KEY.exec(apiKey);
    if (!match) return null;
    const institution = await this.repo.findByKeyId(match[1]);
    const presented = Buffer.from(this.hashSecret(match[2]), 'hex');
    // Compare even for an unknown key id, so timing does not tell which keys exist.
    const stored = Buffer.from(institution?.secretHash ?? '0'.repeat(64), 'hex');
    const same = stored.length === presented.length && timingSafeEqual(stored, presented);
    if (!institution || !same || institution.status !== 'active') return null;
    return { id: institution.id, kind: institution.kind, name: institution.name };
  }

  private hashSecret(secret: string): string {
    return this.crypto.hash(SECRET_DOMAIN, secret);
  }
}
