import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The browsable API page: Swagger UI from the swagger-ui-dist package, served by this server
 * (no CDN: the machine may be offline). Only the files the page needs are served, and the page
 * has no inline script, so a strict Content-Security-Policy holds.
 */
export const DOCS_ASSET_PREFIX = '/docs/assets';

/**
 * Everything from this server, nothing inline: init.js is a file, and Swagger UI sets its styles
 * through the DOM (which style-src does not govern), as a headless Chromium showed with an
 * operation expanded and no CSP report. Its CSS uses data: URIs for icons.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const INIT_SCRIPT = `// Starts Swagger UI on the document this server serves (no external validator badge).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: false,
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

export const DOCS_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Health Code API</title>
    <link rel="stylesheet" href="${DOCS_ASSET_PREFIX}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_ASSET_PREFIX}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_ASSET_PREFIX}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${DOCS_ASSET_PREFIX}/init.js" charset="UTF-8"></script>
  </body>
</html>
`;

/** File name -> content type: the only files served under /docs/assets. */
const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'init.js': 'text/javascript; charset=utf-8',
};

export interface DocsAsset {
  type: string;
  body: Buffer;
}

const cache = new Map<string, DocsAsset>();

/** An asset of the page, read once and kept (1.9 MB in all); null for any other name. */
export function docsAsset(file: string): DocsAsset | null {
  if (!Object.hasOwn(ASSET_TYPES, file)) return null;
  let asset = cache.get(file);
  if (!asset) {
    const body = file === 'init.js' ? Buffer.from(INIT_SCRIPT) : readFileSync(join(swaggerUiDir(), file));
    asset = { type: ASSET_TYPES[file], body };
    cache.set(file, asset);
  }
  return asset;
}

export const DOCS_ASSET_FILES = Object.keys(ASSET_TYPES);

function swaggerUiDir(): string {
  // Not require('swagger-ui-dist'): its index loads the whole bundle into Node.
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}
