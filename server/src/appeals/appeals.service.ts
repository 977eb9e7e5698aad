import type { Knex } from 'knex';
import { maskIdNumber, maskName, type Colour } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { isUniqueViolation } from '../db/dialect';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { AuditLog } from '../audit/audit';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { ColourService } from '../colour/colour.service';
import type { ColourAdminService } from '../colour/colour-admin.service';
import type { Appeal, AppealStatus, AppealsRepository } from './appeals.repository';

/** Evidence is a photo of a test report: PNG or JPEG, at most 1 MiB. */
const MAX_EVIDENCE_BYTES = 1024 * 1024;
const MAGIC: Record<string, number[]> = { 'image/png': [0x89, 0x50, 0x4e, 0x47], 'image/jpeg': [0xff, 0xd8, 0xff] };

export interface AppealInput {
  reason: string;
  evidence?: { type: 'image/png' | 'image/jpeg'; data: string };
}

/**
 * Colour appeals: a person (or his guardian) who thinks a colour is wrong asks for a correction;
 * an official accepts it, which corrects the colour through the audited override (R31, R33),
 * or refuses it with a reason. One open appeal per person.
 */
export class AppealsService {
  constructor(
    private readonly db: Knex,
    private readonly repo: AppealsRepository,
    private readonly residents: ResidentsRepository,
    private readonly colour: ColourService,
    private readonly colourAdmin: ColourAdminService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async file(actor: AuthState, residentId: string, input: AppealInput): Promise<Appeal> {
    const evidence = input.evidence ? checkEvidence(input.evidence) : null;
    const current = await this.colour.current(residentId);
    if (current.colour === 'green') throw new ConflictError('APPEAL_NOTHING_TO_APPEAL');
    const appeal: Appeal = {
      id: newId(this.clock.now().getTime()),
      residentId,
      accountId: actor.accountId,
      byGuardian: residentId !== actor.residentId,
      colourAtFiling: current.colour,
      reason: input.reason,
      evidenceType: evidence ? input.evidence!.type : null,
      status: 'open',
      answer: null,
      correctedColour: null,
      answeredBy: null,
      answeredAt: null,
      createdAt: this.clock.now(),
    };
    try {
      await this.repo.insert(appeal, evidence);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('APPEAL_ALREADY_OPEN');
      throw err;
    }
    return appeal;
  }

  mine(residentId: string): Promise<Appeal[]> {
    return this.repo.forResident(residentId);
  }

  async queue(actor: AuthState, status: AppealStatus, page: number, pageSize: number) {
    const { appeals, total } = await this.repo.list(status, page, pageSize);
    const people = new Map((await this.residents.findByIds([...new Set(appeals.map((a) => a.residentId))])).map((r) => [r.id, r]));
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'appeal.list', details: { status, page, count: appeals.length } });
    return { total, appeals: appeals.map((a) => ({ appeal: a, person: people.get(a.residentId) ?? null })) };
  }

  async get(actor: AuthState, id: string) {
    const appeal = await this.mustFind(id);
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'appeal.view', targetType: 'resident', targetId: appeal.residentId, details: { appealId: id } });
    return { appeal, person: await this.residents.findById(appeal.residentId) };
  }

  async evidence(actor: AuthState, id: string): Promise<{ type: string; bytes: Buffer }> {
    const appeal = await this.mustFind(id);
    const found = await this.repo.evidence(id);
    if (!found) throw new NotFoundError('APPEAL_EVIDENCE_NOT_FOUND');
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'appeal.evidence.view', targetType: 'resident', targetId: appeal.residentId, details: { appealId: id } });
    return { type: found.type, bytes: Buffer.from(found.data, 'base64') };
  }

  /** Accepts: the colour is corrected through the audited override, then the appeal closes. */
  async accept(actor: AuthState, id: string, input: { colour: Colour; answer: string; expiresAt?: string }) {
    const appeal = await this.mustFind(id);
    if (input.expiresAt && Date.parse(input.expiresAt) <= this.clock.now().getTime()) {
      throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'expiresAt', code: 'INVALID_DATE' }] });
    }
    await this.claim(actor, appeal, { status: 'accepted', answer: input.answer, correctedColour: input.colour });
    await this.colourAdmin.override(actor, appeal.residentId, { colour: input.colour, reason: `申诉 ${appeal.id}：${input.answer}`, expiresAt: input.expiresAt });
    return this.mustFind(id);
  }

  async refuse(actor: AuthState, id: string, answer: string) {
    const appeal = await this.mustFind(id);
    await this.claim(actor, appeal, { status: 'refused', answer, correctedColour: null });
    return this.mustFind(id);
  }

  private async claim(actor: AuthState, appeal: Appeal, a: { status: 'accepted' | 'refused'; answer: string; correctedColour: Colour | null }): Promise<void> {
    await this.db.transaction(async (trx) => {
      const done = await this.repo.answer(appeal.id, { ...a, by: actor.accountId, at: this.clock.now() }, trx);
      if (!done) throw new ConflictError('APPEAL_ALREADY_ANSWERED');
      await this.audit.write(
        { actorId: actor.accountId, actorRole: actor.role, action: `appeal.${a.status === 'accepted' ? 'accept' : 'refuse'}`, targetType: 'resident', targetId: appeal.residentId, details: { appealId: appeal.id, answer: a.answer, colour: a.correctedColour } },
        trx,
      );
    });
  }

  private async mustFind(id: string): Promise<Appeal> {
    const appeal = await this.repo.find(id);
    if (!appeal) throw new NotFoundError('APPEAL_NOT_FOUND');
    return appeal;
  }
}

/** The image as stored (base64), once its size and kind are checked. */
function checkEvidence(e: { type: string; data: string }): string {
  const bytes = Buffer.from(e.data, 'base64');
  const magic = MAGIC[e.type];
  const field = (code: string) => new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'evidence.data', code }] });
  if (bytes.length === 0 || bytes.toString('base64') !== e.data.replace(/\s+/g, '')) throw field('EVIDENCE_FORMAT');
  if (bytes.length > MAX_EVIDENCE_BYTES) throw field('EVIDENCE_TOO_LARGE');
  if (!magic || !magic.every((b, i) => bytes[i] === b)) throw field('EVIDENCE_FORMAT');
  return bytes.toString('base64');
}

export function appealView(a: Appeal) {
  return {
    id: a.id,
    status: a.status,
    reason: a.reason,
    colourAtFiling: a.colourAtFiling,
    byGuardian: a.byGuardian,
    hasEvidence: a.evidenceType !== null,
    answer: a.answer,
    correctedColour: a.correctedColour,
    createdAt: a.createdAt.toISOString(),
    answeredAt: a.answeredAt?.toISOString() ?? null,
  };
}

export function officialAppealView(a: Appeal, person: { id: string; name: string; idNumber: string } | null) {
  return { ...appealView(a), person: person ? { residentId: person.id, name: maskName(person.name), idNumber: maskIdNumber(person.idNumber) } : null };
}
