import { DeliveryError, type SmsMessage, type SmsProvider } from '../../messaging/channels.js';

export interface HttpSmsOptions {
  url: string;
  /** An Authorization header value (`Bearer …`, `Basic …`), or `user:pass` for basic auth. */
  auth?: string | undefined;
  /** Dot path of the message id in the JSON answer; default `id`. */
  idField?: string;
  timeoutMs?: number;
}

/** `user:pass` becomes Basic; a value with a scheme is used as it is. */
export function authorizationHeader(auth: string): string {
  if (/^\S+\s+\S/.test(auth)) return auth;
  return `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;
}

function pick(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A generic HTTP SMS gateway: `POST <url>` with JSON `{to, text}` and an Authorization header; the provider's
 * message id is read from the JSON answer. 4xx (except 408 and 429) is a refusal for good; the rest is retried.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  constructor(private readonly options: HttpSmsOptions) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.options.auth) headers.authorization = authorizationHeader(this.options.auth);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new DeliveryError(`sms-http: request failed (${error instanceof Error ? error.name : 'error'})`);
    }
    if (!response.ok) {
      const status = response.status;
      const retryAfter = Number(response.headers.get('retry-after'));
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      throw new DeliveryError(`sms-http: gateway answered ${status}`, {
        permanent,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new DeliveryError('sms-http: gateway answered without JSON');
    }
    const id = pick(body, this.options.idField ?? 'id');
    // The gateway took the message: retrying would send it twice, so a missing id (a misconfigured
    // SMS_HTTP_ID_FIELD) is final and visible in the journal.
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '')
      throw new DeliveryError(`sms-http: no message id at "${this.options.idField ?? 'id'}"`, {
        permanent: true,
      });
    return { providerMessageId: String(id) };
  }
}
