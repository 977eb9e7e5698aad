import type Redis from 'ioredis';
import type { Logger } from './logger';

/**
 * Tells every server process that something cached went stale: a resident's colour, everyone's
 * colour (a risk area changed), a venue's state, an account's role or registration. In one process the message is delivered at
 * once; with REDIS_URL it goes through a Redis channel to every process sharing it, so a
 * revoked venue or a corrected colour is seen everywhere within a round trip.
 */
export type Invalidation =
  | { kind: 'colour'; residentId: string }
  | { kind: 'colour-all' }
  | { kind: 'venue'; codeId: string }
  | { kind: 'account'; accountId: string };
type Listener = (message: Invalidation) => void;

export class Invalidations {
  private readonly listeners: Listener[] = [];
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis?: Redis,
    private readonly channel = 'hc:invalidations',
    private readonly logger?: Logger,
  ) {}

  /** Starts listening on Redis (when configured) for other processes' messages. */
  async start(): Promise<void> {
    if (!this.redis || this.subscriber) return;
    // Its own connection, opened here and waited for: the shared client refuses commands while it
    // is not connected (no offline queue), and a subscription sent too early would be lost.
    this.subscriber = this.redis.duplicate({ lazyConnect: true, enableOfflineQueue: true });
    this.subscriber.on('message', (_channel: string, text: string) => {
      try {
        this.deliver(JSON.parse(text) as Invalidation);
      } catch {
        this.logger?.warn('ignored a malformed invalidation message');
      }
    });
    this.subscriber.on('error', (err: Error) => this.logger?.warn({ err: err.message }, 'invalidation channel error'));
    await this.subscriber.connect();
    await this.subscriber.subscribe(this.channel);
  }

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  publish(message: Invalidation): void {
    this.deliver(message);
    // Other processes hear it through Redis; a lost message is bounded by the caches' lifetimes.
    this.redis?.publish(this.channel, JSON.stringify(message)).catch((err: Error) => this.logger?.warn({ err: err.message }, 'could not publish an invalidation'));
  }

  async stop(): Promise<void> {
    const s = this.subscriber;
    this.subscriber = null;
    if (s) s.disconnect();
  }

  private deliver(message: Invalidation): void {
    for (const l of this.listeners) l(message);
  }
}
