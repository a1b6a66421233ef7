import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a workflow command came to: done, refused by a rule, lost a race, or failed. */
export type CommandOutcome = 'applied' | 'refused' | 'conflict' | 'error';
/** What a code check came to (never the code itself). */
export type ConfirmationOutcome = 'sent' | 'confirmed' | 'wrong' | 'locked' | 'expired';
/** A delivery attempt's end. */
export type DeliveryOutcome = 'sent' | 'retry' | 'throttled' | 'skipped' | 'dead';

/** A figure read when Prometheus scrapes (the outbox's oldest row, the queues' depths). */
export type ScrapeProbe = (set: (labels: Record<string, string>, value: number) => void) => Promise<void>;

/**
 * The process's Prometheus metrics (docs/0027), one registry per process (tests build several containers in one
 * process, so no global registry). Labels are bounded sets — routes as templates, command types, channels — and
 * never carry ids, codes, addresses or names.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly commands: Counter<'command' | 'outcome'>;
  readonly confirmations: Counter<'purpose' | 'outcome'>;
  readonly deliveries: Counter<'channel' | 'outcome'>;
  readonly telegramThrottled: Counter<'bot'>;
  readonly botUpdates: Counter<'bot' | 'kind'>;

  constructor(role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, prefix: 'kabinet_' });
    this.httpDuration = new Histogram({
      name: 'kabinet_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.commands = new Counter({
      name: 'kabinet_workflow_commands_total',
      help: 'Workflow commands by type and outcome (applied, refused, conflict, error)',
      labelNames: ['command', 'outcome'],
      registers: [this.registry],
    });
    this.confirmations = new Counter({
      name: 'kabinet_confirmations_total',
      help: 'Confirmation codes by purpose and outcome (sent, confirmed, wrong, locked, expired)',
      labelNames: ['purpose', 'outcome'],
      registers: [this.registry],
    });
    this.deliveries = new Counter({
      name: 'kabinet_deliveries_total',
      help: 'Delivery attempts by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [this.registry],
    });
    this.telegramThrottled = new Counter({
      name: 'kabinet_telegram_throttled_total',
      help: 'Telegram Bot API answers 429 (Too Many Requests), by bot',
      labelNames: ['bot'],
      registers: [this.registry],
    });
    this.botUpdates = new Counter({
      name: 'kabinet_bot_updates_total',
      help: 'Telegram updates handled by the bots, by bot and kind',
      labelNames: ['bot', 'kind'],
      registers: [this.registry],
    });
  }

  /** A gauge whose value is read at scrape time; a probe that fails leaves the gauge empty, never the scrape. */
  probe(name: string, help: string, labelNames: readonly string[], read: ScrapeProbe): void {
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await read((labels, value) => this.set(labels, value));
        } catch {
          // The dependency is down: readiness says so; the scrape still answers the rest.
        }
      },
    });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
