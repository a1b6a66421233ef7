/** What the drill's callers saw: every 5xx and every connection failure, with when and where. */
export interface Incident {
  at: number;
  port: number;
  method: string;
  path: string;
  /** The HTTP status, or 0 when the connection failed (refused, reset, timed out). */
  status: number;
  detail: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The drill's HTTP side: clients spread across the api processes (each call goes to the next port, as a
 * round-robin balancer would send it). A GET that fails is retried on the next process; a POST is not — it may
 * have been applied before its answer was lost, so the lifecycle re-reads the request and decides again, as a
 * person looking at the screen would.
 */
export class SpreadClient {
  readonly incidents: Incident[] = [];
  calls = 0;
  /** Commands (non-GET calls) waiting for their answer, by port: the moment to kill a process mid-command. */
  readonly commandsInFlight = new Map<number, number>();
  private next = 0;

  constructor(private readonly ports: () => number[]) {}

  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { token?: string; body?: unknown; deadlineMs?: number } = {},
  ): Promise<Answer> {
    const deadline = Date.now() + (options.deadlineMs ?? 60_000);
    for (;;) {
      const ports = this.ports();
      const port = ports[this.next++ % ports.length] ?? 0;
      this.calls += 1;
      let answer: Answer;
      const command = method !== 'GET';
      if (command) this.commandsInFlight.set(port, (this.commandsInFlight.get(port) ?? 0) + 1);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
          method,
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await response.text();
        answer = { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        this.incidents.push({
          at: Date.now(),
          port,
          method,
          path,
          status: 0,
          detail: error instanceof Error ? `${error.name}: ${String(error.cause ?? error.message)}` : '?',
        });
        answer = { status: 0, body: {} };
      } finally {
        if (command) this.commandsInFlight.set(port, (this.commandsInFlight.get(port) ?? 1) - 1);
      }
      if (answer.status >= 500) {
        this.incidents.push({
          at: Date.now(),
          port,
          method,
          path,
          status: answer.status,
          detail: String(answer.body['code'] ?? answer.body['title'] ?? ''),
        });
      }
      const failed = answer.status === 0 || answer.status >= 500;
      if (!failed || method !== 'GET' || Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
