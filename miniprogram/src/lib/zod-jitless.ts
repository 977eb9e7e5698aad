import { config } from 'zod/v4/core';

/**
 * zod compiles a fast parser with `new Function` when it may, and finds out by trying it once,
 * as the first object schema is built. The app never needs that (it parses little), and the H5
 * app's Content-Security-Policy forbids eval: the probe alone was a CSP violation on every page
 * that loads the shared schemas (records, relatives, venues, console). Mini-programs forbid eval
 * too. Imported first in app.ts, before any page builds a schema.
 */
config({ jitless: true });
