import pg from 'pg';
import type { Logger } from '../logger.js';
import { AUTH_CHANNEL, type AuthInvalidations } from './session-cache.js';

/**
 * One dedicated PostgreSQL connection LISTENing on `kabinet_auth` (a pool's connections come and go; a listener must
 * stay). While it is down the cache is off (`live` false); on reconnecting it says `reset`, since notifications
 * sent meanwhile are lost.
 */
export class PgAuthListener implements AuthInvalidations {
  private client: pg.Client | null = null;
  private connected = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly listeners: ((key: string) => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  get live(): boolean {
    return this.connected;
  }

  subscribe(listener: (key: string) => void): void {
    this.listeners.push(listener);
  }

  private emit(key: string): void {
    for (const listener of this.listeners) listener(key);
  }

  /** Connects (and keeps reconnecting, every 2 s, until closed). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'kabinet-auth-listener' });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.connected = false;
      this.client = null;
      this.emit('reset');
      if (error) this.logger.warn({ err: error.message }, 'auth listener lost: the session cache is off');
      client.end().catch(() => undefined);
      this.schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL && message.payload) this.emit(message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${AUTH_CHANNEL}`);
      this.client = client;
      this.connected = true;
      // Anything cached before (or during) the outage may be stale.
      this.emit('reset');
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'auth listener could not connect',
      );
      await client.end().catch(() => undefined);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, 2000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }
}
