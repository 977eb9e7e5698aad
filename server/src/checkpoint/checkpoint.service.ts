import { maskIdNumber, maskName, verifyCode, type ErrorCode } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { AuthState } from '../http/route';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuditLog } from '../audit/audit';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { ColourService } from '../colour/colour.service';
import type { KeysService } from '../keys/keys.service';
import type { ReplayGuard } from './replay-guard';

/**
 * Online verification of a scanned personal code (R8): the shared verifier judges the code as
 * an offline checkpoint would, then the server adds what only it knows: whether the proof was
 * already used elsewhere, and the current colour, which wins over the one in the code.
 */
export class CheckpointService {
  constructor(
    private readonly keys: KeysService,
    private readonly residents: ResidentsRepository,
    private readonly colour: ColourService,
    private readonly replay: ReplayGuard,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly codeTtlSeconds: number,
  ) {}

  async verify(actor: AuthState, text: string) {
    const now = this.clock.now();
    const result = verifyCode(text, { keys: await this.keys.keySet(), now, codeTtlSeconds: this.codeTtlSeconds, verifySignature: this.keys.verifySignature });
    if (!result.ok) throw new ValidationError(result.refusal as ErrorCode, { fields: [{ path: 'code', code: 'INVALID_VALUE' }] });
    const { credential, shownAt, validUntil, proofId, offline } = result.code;
    // A printed offline code (R27) is shown again and again by design: no replay check.
    if (!offline && !this.replay.admit(proofId, actor.accountId, validUntil.getTime() - now.getTime())) throw new ConflictError('CODE_REPLAYED');
    const resident = await this.residents.findByCodeId(credential.codeId);
    if (!resident) throw new NotFoundError('CODE_HOLDER_UNKNOWN');
    const current = await this.colour.current(resident.id);
    await this.audit.write({
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'checkpoint.verify',
      targetType: 'resident',
      targetId: resident.id,
      details: { codeColour: credential.colour, colour: current.colour, kid: credential.kid, offline },
    });
    return {
      colour: current.colour,
      codeColour: credential.colour,
      colourChanged: current.colour !== credential.colour,
      vaccinated: current.vaccinated,
      name: maskName(resident.name),
      idNumber: maskIdNumber(resident.idNumber),
      shownAt: shownAt.toISOString(),
      validUntil: validUntil.toISOString(),
      offline,
      verifiedOnline: true as const,
    };
  }
}
