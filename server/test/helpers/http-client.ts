import { Agent, request } from 'node:http';

export type Answer = { status: number; body: any; headers: Record<string, string | string[] | undefined> } | { error: string };

/**
 * A bare HTTP/1.1 call (node:http), for tests that talk to a server process or watch it fail:
 * a transport failure comes back as `{ error: code }` (ECONNREFUSED, ECONNRESET, ...) instead
 * of a throw. `agent` decides whether connections are kept alive between calls; `false` opens a
 * fresh connection. `raw` answers the body as a Buffer (an image).
 */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; agent?: Agent | false; timeoutMs?: number; raw?: boolean } = {},
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  const headers: Record<string, string | number> = { 'accept-language': 'en' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
  return new Promise((done) => {
    const req = request(url, { method, headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (opts.raw) return done({ status: res.statusCode ?? 0, body: bytes, headers: res.headers });
        const text = bytes.toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        done({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.end(payload);
  });
}

export const isAnswer = (a: Answer): a is Exclude<Answer, { error: string }> => !('error' in a);
