import { ConflictError, NotFoundError } from '../http/errors';
import type { KeysService } from '../keys/keys.service';
import type { Clock } from '../lib/clock';
import { renderVenuePosterPdf, renderVenuePosterPng, type VenuePoster } from '../render/venue-poster';
import { regionLabel } from './venue-views';
import type { VenuesRepository } from './venues.repository';

/**
 * Print-ready posters of a passed venue code (R13): the QR holds `HCV1:` + a signed token
 * naming the code id (R14), nothing a general scanner can act on. Only the owner downloads
 * them, and only while the code is passed; each download is signed afresh with the active
 * key, and every poster of the same code names the same venue.
 */
export class VenuePostersService {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly keys: KeysService,
    private readonly clock: Clock,
  ) {}

  async poster(ownerResidentId: string, venueId: string): Promise<VenuePoster> {
    const venue = await this.venues.findById(venueId);
    if (!venue || venue.ownerResidentId !== ownerResidentId) throw new NotFoundError('VENUE_NOT_FOUND');
    if (venue.status !== 'passed' || !venue.codeId) throw new ConflictError('VENUE_POSTER_UNAVAILABLE', { extra: { status: venue.status } });
    const { text } = await this.keys.signVenueCode(venue.codeId);
    return {
      qrText: text,
      name: venue.name,
      categoryName: venue.categoryName,
      categoryNameEn: venue.categoryNameEn,
      mobile: venue.mobile,
      address: venue.address,
      region: venue.region,
      regionName: regionLabel(venue.region),
      generatedAt: this.clock.now(),
    };
  }

  async png(ownerResidentId: string, venueId: string): Promise<{ poster: VenuePoster; image: Buffer }> {
    const poster = await this.poster(ownerResidentId, venueId);
    return { poster, image: renderVenuePosterPng(poster) };
  }

  async pdf(ownerResidentId: string, venueId: string): Promise<{ poster: VenuePoster; document: Buffer }> {
    const poster = await this.poster(ownerResidentId, venueId);
    return { poster, document: await renderVenuePosterPdf(poster) };
  }
}
