import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsMessage {
  phone: string;
  template: string;
  params: { code: string; minutes: number };
}

/**
 * A local SMS gateway speaking the contract of src/sms/http.ts: POST JSON with a bearer token.
 * It keeps what it "sent" in `received`; `mode` makes it refuse (400), fail (503), hang or
 * rate-limit (429).
 */
export class SmsFake {
  mode: 'ok' | 'down' | 'refuse' | 'slow' | 'rate-limited' = 'ok';
  readonly received: SmsMessage[] = [];
  private server!: Server;
  url = '';

  constructor(readonly token = 'sms-fake-token') {}

  latest(phone: string): string | undefined {
    return this.received.filter((m) => m.phone === phone).at(-1)?.params.code;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const json = (status: number, value: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (req.method !== 'POST' || req.url !== '/sms/send') return json(404, { error: 'not found' });
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(401, { error: 'unauthorized' });
    if (!String(req.headers['content-type']).startsWith('application/json')) return json(415, { error: 'json only' });
    switch (this.mode) {
      case 'slow':
        return;
      case 'down':
        return json(503, { error: 'vendor unavailable' });
      case 'rate-limited':
        return json(429, { error: 'slow down' });
      case 'refuse':
        return json(400, { error: 'invalid_phone' });
      case 'ok':
        break;
    }
    let message: SmsMessage;
    try {
      message = JSON.parse(body);
    } catch {
      return json(400, { error: 'bad json' });
    }
    if (typeof message.phone !== 'string' || message.template !== 'login_code' || typeof message.params?.code !== 'string') return json(422, { error: 'bad message' });
    this.received.push(message);
    json(202, { id: `msg-${this.received.length}` });
  }
}

export const startSmsFake = (token?: string) => new SmsFake(token).start();
