import { relativeIdParam } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

/** R27: a bound guardian downloads a relative's offline code to print or keep in the album. */
export function offlineCodesRoutes(s: Services): RouteDef[] {
  const stamp = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return [
    route({
      method: 'get',
      path: '/me/relatives/:id/offline-code.png',
      summary: "A relative's offline code as a PNG for the album: signed, valid 7 days (R27)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      produces: 'image/png',
      errors: ['RELATIVE_NOT_FOUND'],
      async handler(ctx, { auth, params }) {
        const relativeId = await s.relatives.requireBound(auth.residentId!, params.id);
        const { card, image } = await s.offlineCodes.png(relativeId);
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Disposition', `attachment; filename="offline-code-${stamp(card.issuedAt)}.png"`);
        ctx.type = 'image/png';
        ctx.body = image;
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/offline-code.pdf',
      summary: "A relative's offline code as an A4 PDF for printing: signed, valid 7 days (R27)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      produces: 'application/pdf',
      errors: ['RELATIVE_NOT_FOUND'],
      async handler(ctx, { auth, params }) {
        const relativeId = await s.relatives.requireBound(auth.residentId!, params.id);
        const { card, document } = await s.offlineCodes.pdf(relativeId);
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Disposition', `attachment; filename="offline-code-${stamp(card.issuedAt)}.pdf"`);
        ctx.type = 'application/pdf';
        ctx.body = document;
      },
    }),
  ];
}
