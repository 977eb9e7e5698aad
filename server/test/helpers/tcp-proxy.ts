import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the app and its database, for fault tests: it forwards bytes both ways
 * until told to fail. Three states:
 *   open       forwards every connection;
 *   cut        every live connection is reset (both ends) and new ones are refused (the port
 *              is closed: ECONNREFUSED), as when the database host goes down;
 *   blackhole  connections are accepted and never answered, as when the host stops answering
 *              without refusing (a network partition): only timeouts end the wait.
 * restore() goes back to open on the same port, so the app's settings need no change.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly live = new Set<Socket>();
  private state: 'open' | 'cut' | 'blackhole' = 'open';
  private portNumber = 0;
  /** Connections accepted (any state), for the test's own checks. */
  accepted = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get port(): number {
    return this.portNumber;
  }

  /** Listens on 127.0.0.1 (a free port the first time, the same one after a cut). */
  async start(): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address();
    if (address && typeof address === 'object') this.portNumber = address.port;
    return this.portNumber;
  }

  /** Resets every connection and refuses new ones. */
  async cut(): Promise<void> {
    this.state = 'cut';
    this.dropAll();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resets every connection, then accepts new ones without ever answering. */
  async blackhole(): Promise<void> {
    if (!this.server) await this.start();
    this.state = 'blackhole';
    this.dropAll();
  }

  /** Forwards again (connections held by the blackhole are reset first). */
  async restore(): Promise<void> {
    this.dropAll();
    this.state = 'open';
    if (!this.server) await this.start();
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    this.track(client);
    client.on('error', () => undefined);
    if (this.state !== 'open') return; // blackhole: held, never answered (cut: the port is closed)
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: Socket): void {
    this.live.add(socket);
    socket.on('close', () => this.live.delete(socket));
  }

  private dropAll(): void {
    for (const socket of this.live) socket.resetAndDestroy();
    this.live.clear();
  }
}
