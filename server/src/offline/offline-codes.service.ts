import { CODE_PREFIX, maskName } from '@health-code/shared';
import { NotFoundError } from '../http/errors';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { ColourService } from '../colour/colour.service';
import type { KeysService } from '../keys/keys.service';
import { renderOfflineCardPdf, renderOfflineCardPng, type OfflineCard } from '../render/offline-card';

/**
 * Printable offline codes (R27) for relatives without a phone: a signed code valid 7 days (a
 * setting), drawn as a PNG for the album or an A4 PDF. Whether the caller may have one for
 * this person is the caller's check (a bound guardian); this service only makes it.
 */
export class OfflineCodesService {
  constructor(
    private readonly residents: ResidentsRepository,
    private readonly colour: ColourService,
    private readonly keys: KeysService,
    private readonly ttlDays: number,
  ) {}

  async card(residentId: string): Promise<OfflineCard> {
    const resident = await this.residents.findById(residentId);
    if (!resident) throw new NotFoundError('RESIDENT_NOT_FOUND');
    const colour = await this.colour.current(resident.id);
    const signed = await this.keys.signOfflineCode({
      codeId: resident.codeId,
      colour: colour.colour,
      vaccinated: colour.vaccinated,
      ttlSeconds: this.ttlDays * 24 * 3600,
    });
    return {
      qrText: `${CODE_PREFIX}${signed.token}`,
      name: maskName(resident.name),
      colour: colour.colour,
      vaccinated: colour.vaccinated,
      issuedAt: signed.issuedAt,
      expiresAt: signed.expiresAt,
    };
  }

  async png(residentId: string): Promise<{ card: OfflineCard; image: Buffer }> {
    const card = await this.card(residentId);
    return { card, image: renderOfflineCardPng(card) };
  }

  async pdf(residentId: string): Promise<{ card: OfflineCard; document: Buffer }> {
    const card = await this.card(residentId);
    return { card, document: await renderOfflineCardPdf(card) };
  }
}
