import { STATUS_CODES } from 'node:http';
import { OpenApiGeneratorV31, OpenAPIRegistry, zodToOpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as shared from '@health-code/shared';
import { errorEnvelopeSchema, fieldMessage } from '@health-code/shared';
import { z } from 'zod';
import { API_PREFIX, fullPath, type Access, type RouteDef } from '../http/route';
import { errorCatalogue, routeErrors, statusOfCode, type CatalogueEntry } from './error-catalogue';

export interface OpenApiOptions {
  /** The document's version (info.version): the server package's. */
  version: string;
  /** Base URL of the server; without it the document is relative to where it is served. */
  serverUrl?: string;
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const ENVELOPE_REF = { $ref: '#/components/schemas/ErrorEnvelope' };

/** Koa `/residents/:id` to OpenAPI `/api/v1/residents/{id}`. */
export function openApiPath(def: Pick<RouteDef, 'path' | 'absolute'>): string {
  return fullPath(def).replace(/:(\w+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document of a route table: paths, parameters and bodies from the zod schemas
 * of shared/src/schemas, security by access level, the success answer and, per status, the
 * error envelope with the codes the route can answer. The whole error catalogue is in
 * `x-error-codes` and in the `ErrorCode` schema.
 */
export function buildOpenApiDocument(routes: RouteDef[], opts: OpenApiOptions): OpenApiDocument {
  const named = nameSharedSchemas(routes);
  const registry = new OpenAPIRegistry();
  const catalogue = errorCatalogue();

  registry.registerComponent('securitySchemes', 'session', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The session token from POST /api/v1/auth/login (or /residents/register): `Authorization: Bearer <token>`, valid 30 minutes by default (SESSION_TTL_SECONDS).',
  });
  registry.registerComponent('securitySchemes', 'institutionKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'inst_<keyId>.<secret>',
    description: 'Institution API credentials, issued once by an official (POST /api/v1/officials/institutions): `Authorization: Bearer inst_<keyId>.<secret>`.',
  });
  registry.registerComponent('schemas', 'ErrorCode', {
    type: 'string',
    enum: catalogue.map((e) => e.code),
    description: `Every error code the API answers with (new codes may be added: treat an unknown one by its HTTP status).\n\n${catalogueTable(catalogue)}`,
  });

  for (const def of routes) registry.registerPath(operation(def));
  // Every named object is a component, even one no route names directly (the batch rows).
  // (Wrapped: zod 4 schemas have a `type` field, which the generator takes for a definition's.)
  const generator = new OpenApiGeneratorV31([...registry.definitions, ...named.map((schema) => ({ type: 'schema' as const, schema }))]);
  const doc = generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Health Code API',
      version: opts.version,
      description: [
        'Personal health codes, place codes and family codes for WeChat, Alipay and H5.',
        '',
        `Resources live under \`${API_PREFIX}\`. Request and response bodies are the zod schemas of shared/src/schemas. ` +
          'Every failure answers `{ "error": { "code", "message", "details"? } }` with a stable code and a message in the ' +
          'language of `Accept-Language` (zh-CN by default, en-US); the catalogue of codes is the ErrorCode schema and `x-error-codes`.',
      ].join('\n'),
    },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : undefined,
    tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name })),
  });
  return { ...doc, 'x-error-codes': Object.fromEntries(catalogue.map(({ code, ...rest }) => [code, rest])) } as OpenApiDocument;
}

function operation(def: RouteDef): RouteConfig {
  const path = openApiPath(def);
  const request: RouteConfig['request'] = {};
  if (def.params) request.params = def.params as never;
  if (def.query) request.query = def.query as never;
  if (def.body) request.body = { required: true, content: { 'application/json': { schema: def.body } } };
  // A path parameter no params schema describes is still a required string.
  const described = new Set(def.params instanceof z.ZodObject ? Object.keys(def.params.shape) : []);
  const parameters = [...path.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .filter((name) => !described.has(name))
    .map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' as const } }));
  return {
    method: def.method,
    path,
    operationId: operationId(def.method, path),
    summary: def.summary,
    description: accessText(def.access) + (def.largeBody ? '\n\nAccepts a large body (BATCH_BODY_LIMIT_KB, 4 MB by default).' : ''),
    tags: [def.tag],
    ...(parameters.length ? { parameters } : {}),
    ...security(def.access),
    'x-access': def.access,
    request,
    responses: { ...success(def), ...errorResponses(def) },
  } as RouteConfig;
}

function success(def: RouteDef): Record<string, ResponseConfig> {
  const status = def.status ?? 200;
  const description = STATUS_CODES[status] ?? 'Success';
  if (def.response) return { [status]: { description, content: { 'application/json': { schema: def.response } } } };
  if (def.produces) {
    const text = def.produces.startsWith('text/') || def.produces.endsWith('javascript') || def.produces.endsWith('json');
    return { [status]: { description, content: { [def.produces]: { schema: text ? { type: 'string' } : { type: 'string', format: 'binary' } } } } };
  }
  return { [status]: { description } };
}

/** One response per status, each listing its codes with an example in Chinese and English. */
function errorResponses(def: RouteDef): Record<string, ResponseConfig> {
  const messages = shared.errorMessages as Record<string, { zh: string; en: string }>;
  const byStatus = new Map<string, string[]>();
  for (const code of routeErrors(def)) {
    const key = String(statusOfCode(code) ?? 'default');
    byStatus.set(key, [...(byStatus.get(key) ?? []), code]);
  }
  const out: Record<string, ResponseConfig> = {};
  for (const key of [...byStatus.keys()].sort()) {
    const codes = byStatus.get(key)!;
    const reason = STATUS_CODES[Number(key)] ?? 'Error';
    out[key] = {
      // Examples give the zh-CN message (the default); {placeholders} are filled in real answers.
      description: `${reason}: ${codes.join(', ')}`,
      ...(key === '503' || key === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } } } : {}),
      content: {
        'application/json': {
          schema: ENVELOPE_REF,
          examples: Object.fromEntries(
            codes.map((code) => [
              code,
              {
                summary: messages[code]?.en ?? code,
                description: messages[code] ? `zh-CN: ${messages[code].zh}` : undefined,
                value: { error: { code, message: messages[code]?.zh ?? code, ...(code === 'VALIDATION_FAILED' ? FIELDS_EXAMPLE : {}) } },
              },
            ]),
          ),
        },
      },
    } as ResponseConfig;
  }
  return out;
}

/** What a 422 adds: each field at fault, with a field code (shared/src/i18n/fields.ts). */
const FIELDS_EXAMPLE = { details: { fields: [{ path: 'phone', code: 'PHONE_FORMAT', message: fieldMessage('PHONE_FORMAT', 'zh-CN') }] } };

function security(access: Access): { security?: Array<Record<string, string[]>> } {
  if (access === 'public') return {};
  if (access === 'institution') return { security: [{ institutionKey: [] }] };
  return { security: [{ session: [] }] };
}

function accessText(access: Access): string {
  if (access === 'public') return 'Access: public.';
  if (access === 'institution') return 'Access: a testing institution or vaccination unit, by its API credentials (institutionKey).';
  if (access === 'account') return 'Access: any logged-in account, registered or not (session).';
  if (access === 'resident') return 'Access: a logged-in account linked to a registered resident (session).';
  return `Access: an account with the role ${access.join(' or ')} (session).`;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(API_PREFIX, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function catalogueTable(catalogue: CatalogueEntry[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| Code | HTTP | en-US | zh-CN |',
    '| --- | --- | --- | --- |',
    ...catalogue.map((e) => `| ${e.code} | ${e.statuses.join(', ') || '—'} | ${cell(e.en)} | ${cell(e.zh)} |`),
  ].join('\n');
}

const ENVELOPE_DESCRIPTION =
  'Every failure answers this envelope. `code` is stable (see ErrorCode); `message` is in the language of Accept-Language ' +
  '(zh-CN by default, en-US); `details.fields` names each field at fault with a stable field code and a message; other ' +
  '`details` keys are machine-readable extras of some codes (e.g. `triesLeft`).';

/**
 * Gives the object schemas exported by @health-code/shared a component name (loginRequest ->
 * LoginRequest, errorEnvelopeSchema -> ErrorEnvelope), so the document references them instead
 * of repeating them. The names live in zod-to-openapi's own metadata registry, which only the
 * generator reads. Schemas used as params or query stay inline (they become parameters), and so
 * does a schema exported under two names (which name would be right?).
 */
function nameSharedSchemas(routes: RouteDef[]): z.ZodType[] {
  const asParameters = new Set<unknown>(routes.flatMap((r) => [r.params, r.query]).filter(Boolean));
  const names = new Map<z.ZodType, string[]>();
  for (const [exportName, value] of Object.entries(shared)) {
    if (!(value instanceof z.ZodObject) || asParameters.has(value)) continue;
    names.set(value, [...(names.get(value) ?? []), exportName]);
  }
  const named: z.ZodType[] = [];
  for (const [schema, exportNames] of names) {
    if (exportNames.length !== 1) continue;
    const base = exportNames[0].replace(/Schema$/, '');
    const refId = base[0].toUpperCase() + base.slice(1);
    const extra = schema === errorEnvelopeSchema ? { description: ENVELOPE_DESCRIPTION } : {};
    zodToOpenAPIRegistry.add(schema, { ...zodToOpenAPIRegistry.get(schema), ...extra, _internal: { ...zodToOpenAPIRegistry.get(schema)?._internal, refId } });
    named.push(schema);
  }
  return named;
}
