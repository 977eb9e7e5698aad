import { z } from 'zod';
import { route, type RouteDef } from '../http/route';
import { NotFoundError } from '../http/errors';
import { buildOpenApiDocument, type OpenApiDocument } from './document';
import { DOCS_ASSET_FILES, DOCS_ASSET_PREFIX, DOCS_CSP, DOCS_HTML, docsAsset } from './docs-page';
import serverPackage from '../../package.json';

/**
 * GET /openapi.json (the document of every route, built on first request and kept) and
 * GET /docs (Swagger UI over it). `allRoutes` is called late, so routes.ts can hand over the
 * final table this list is part of.
 */
export function openapiRoutes(allRoutes: () => RouteDef[]): RouteDef[] {
  let document: OpenApiDocument | undefined;
  return [
    route({
      method: 'get',
      path: '/openapi.json',
      absolute: true,
      summary: 'This document: the OpenAPI 3.1 description of every route',
      tag: 'docs',
      access: 'public',
      response: z.looseObject({ openapi: z.string() }),
      handler() {
        document ??= buildOpenApiDocument(allRoutes(), { version: serverPackage.version });
        return document;
      },
    }),
    route({
      method: 'get',
      path: '/docs',
      absolute: true,
      summary: 'The API document, browsable (Swagger UI)',
      tag: 'docs',
      access: 'public',
      produces: 'text/html',
      handler(ctx) {
        ctx.set('Content-Security-Policy', DOCS_CSP);
        ctx.type = 'text/html; charset=utf-8';
        return DOCS_HTML;
      },
    }),
    route({
      method: 'get',
      path: `${DOCS_ASSET_PREFIX}/:file`,
      absolute: true,
      summary: `A file of the browsable page: ${DOCS_ASSET_FILES.join(', ')}`,
      tag: 'docs',
      access: 'public',
      params: z.object({ file: z.string().max(64) }),
      produces: 'application/octet-stream',
      errors: ['NOT_FOUND'],
      handler(ctx, { params }) {
        const asset = docsAsset(params.file);
        if (!asset) throw new NotFoundError('NOT_FOUND');
        // The same bytes until the package is upgraded (which restarts the server).
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.type = asset.type;
        return asset.body;
      },
    }),
  ];
}
