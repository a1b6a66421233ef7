import smpp from 'smpp';
import type { Logger } from '../../logger.js';
import { DeliveryError, type SmsMessage, type SmsProvider } from '../../messaging/channels.js';

/** A delivery receipt (deliver_sm with the MC delivery receipt flag) for a message this provider sent. */
export interface SmsReceipt {
  providerMessageId: string;
  /** The receipt's `stat:` word: DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, ENROUTE. */
  status: string;
  delivered: boolean;
}

export type SmsReceiptListener = (receipt: SmsReceipt) => void;

const STATE_WORDS: Record<number, string> = {
  [smpp.MESSAGE_STATE.ENROUTE]: 'ENROUTE',
  [smpp.MESSAGE_STATE.DELIVERED]: 'DELIVRD',
  [smpp.MESSAGE_STATE.EXPIRED]: 'EXPIRED',
  [smpp.MESSAGE_STATE.DELETED]: 'DELETED',
  [smpp.MESSAGE_STATE.UNDELIVERABLE]: 'UNDELIV',
  [smpp.MESSAGE_STATE.ACCEPTED]: 'ACCEPTD',
  [smpp.MESSAGE_STATE.UNKNOWN]: 'UNKNOWN',
  [smpp.MESSAGE_STATE.REJECTED]: 'REJECTD',
};

/** Refusals that will not change on retry: a bad number or sender, a malformed message. */
const PERMANENT_STATUSES = new Set([smpp.ESME_RINVDSTADR, smpp.ESME_RINVSRCADR, smpp.ESME_RINVMSGLEN]);

/** One SMS fits 70 UCS-2 or 160 GSM characters; longer texts go in `message_payload`. */
function fitsShortMessage(text: string): boolean {
  const gsm = /^[\x20-\x7e\n\r]*$/.test(text);
  return text.length <= (gsm ? 160 : 70);
}

export interface SmppOptions {
  /** `smpp://system_id:password@host:port` (`ssmpp://` for TLS). */
  url: string;
  sourceAddr: string;
  logger?: Logger;
  responseTimeoutMs?: number;
  enquireLinkMs?: number;
}

/**
 * SMPP 3.4 ESME over the `smpp` package: one bound transceiver session, opened on first use and again after
 * a drop (with a growing pause), `submit_sm` with a delivery receipt requested, receipts (`deliver_sm`)
 * acknowledged and handed to the listeners. Shared by notices (through the queue) and codes (sent directly).
 */
export class SmppSmsProvider implements SmsProvider {
  readonly name = 'smpp';
  private session: smpp.Session | undefined;
  private binding: Promise<smpp.Session> | undefined;
  private readonly listeners = new Set<SmsReceiptListener>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = 500;
  private closed = false;
  private readonly target: { host: string; port: number; tls: boolean };
  private readonly credentials: { system_id: string; password: string };

  constructor(private readonly options: SmppOptions) {
    const url = new URL(options.url);
    const tls = url.protocol === 'ssmpp:';
    this.target = { host: url.hostname, port: Number(url.port || (tls ? 3550 : 2775)), tls };
    this.credentials = {
      system_id: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  }

  onReceipt(listener: SmsReceiptListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const session = await this.bound();
    const numericSender = /^\+?\d+$/.test(this.options.sourceAddr);
    const text = message.text;
    const params: Record<string, unknown> = {
      source_addr: this.options.sourceAddr.replace(/^\+/, ''),
      source_addr_ton: numericSender ? smpp.TON.INTERNATIONAL : smpp.TON.ALPHANUMERIC,
      source_addr_npi: numericSender ? smpp.NPI.ISDN : smpp.NPI.UNKNOWN,
      destination_addr: message.to.replace(/^\+/, ''),
      dest_addr_ton: smpp.TON.INTERNATIONAL,
      dest_addr_npi: smpp.NPI.ISDN,
      registered_delivery: smpp.REGISTERED_DELIVERY.FINAL,
      ...(fitsShortMessage(text) ? { short_message: text } : { message_payload: text }),
    };
    const pdu = await new Promise<smpp.Pdu>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DeliveryError('smpp: no submit_sm_resp in time')),
        this.options.responseTimeoutMs ?? 15_000,
      );
      const written = session.submit_sm(params, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      if (!written) {
        clearTimeout(timer);
        reject(new DeliveryError('smpp: session not writable'));
      }
    });
    if (pdu.command_status !== smpp.ESME_ROK) {
      const status = `0x${pdu.command_status.toString(16).padStart(4, '0')}`;
      throw new DeliveryError(`smpp: submit_sm refused with status ${status}`, {
        permanent: PERMANENT_STATUSES.has(pdu.command_status),
      });
    }
    const id = typeof pdu.message_id === 'string' ? pdu.message_id : '';
    if (!id) throw new DeliveryError('smpp: submit_sm_resp without a message id');
    return { providerMessageId: id };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const done = setTimeout(() => session.destroy(() => resolve()), 1000);
      session.unbind({}, () => {
        clearTimeout(done);
        session.close(() => resolve());
      });
    });
  }

  private bound(): Promise<smpp.Session> {
    if (this.closed) return Promise.reject(new DeliveryError('smpp: provider closed'));
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.bind().finally(() => {
      this.binding = undefined;
    });
    return this.binding;
  }

  private bind(): Promise<smpp.Session> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({
        url: `${this.target.tls ? 'ssmpp' : 'smpp'}://${this.target.host}:${this.target.port}`,
        auto_enquire_link_period: this.options.enquireLinkMs ?? 30_000,
      });
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        session.destroy();
        reject(new DeliveryError(`smpp: ${reason}`));
      };
      const timer = setTimeout(() => fail('bind timed out'), this.options.responseTimeoutMs ?? 15_000);
      session.on('error', (error: Error) => {
        this.options.logger?.warn({ err: { message: error.message } }, 'smpp: session error');
        fail('connection failed');
      });
      session.on('close', () => {
        clearTimeout(timer);
        if (this.session === session) this.session = undefined;
        fail('connection closed');
        this.scheduleReconnect();
      });
      session.on('deliver_sm', (pdu: smpp.Pdu) => this.handleDeliverSm(session, pdu));
      session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.Pdu) => {
        session.send(pdu.response());
        session.close();
      });
      session.on(this.target.tls ? 'secureConnect' : 'connect', () => {
        session.bind_transceiver(this.credentials, (pdu) => {
          clearTimeout(timer);
          if (pdu.command_status !== smpp.ESME_ROK)
            return fail(`bind refused (status ${pdu.command_status})`);
          settled = true;
          this.session = session;
          this.reconnectDelayMs = 500;
          resolve(session);
        });
      });
    });
  }

  /** Receipts arrive on the bound session: keep one open while the provider is in use. */
  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.listeners.size === 0) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 30_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.bound().catch(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }

  private handleDeliverSm(session: smpp.Session, pdu: smpp.Pdu): void {
    session.send(pdu.response());
    const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
    if ((esmClass & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT) === 0) return;
    const receipt = parseReceipt(pdu);
    if (!receipt) return;
    for (const listener of this.listeners) listener(receipt);
  }
}

/** Reads a receipt from the TLVs (`receipted_message_id`, `message_state`) or the classic receipt text. */
export function parseReceipt(pdu: smpp.Pdu): SmsReceipt | undefined {
  const short = pdu.short_message as { message?: unknown } | string | undefined;
  const text = typeof short === 'string' ? short : typeof short?.message === 'string' ? short.message : '';
  const idFromText = /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const statFromText = /(?:^|\s)stat:(\S+)/i.exec(text)?.[1]?.toUpperCase();
  const id = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : idFromText;
  if (!id) return undefined;
  const state = typeof pdu.message_state === 'number' ? STATE_WORDS[pdu.message_state] : undefined;
  const status = state ?? statFromText ?? 'UNKNOWN';
  return { providerMessageId: id, status, delivered: status === 'DELIVRD' };
}
