import type { AddressInfo } from 'node:net';
import smpp from 'smpp';

export interface SubmittedSms {
  messageId: string;
  to: string;
  from: string;
  text: string;
  registeredDelivery: number;
}

export interface TestSmsc {
  /** `smpp://kabinet:secret@127.0.0.1:<port>` for SMPP_URL. */
  url: string;
  submits: SubmittedSms[];
  /** The receipt the SMSC sends for each message (`stat:` word) and after how long. */
  receipt: { status: 'DELIVRD' | 'UNDELIV' | 'EXPIRED'; delayMs: number } | null;
  waitForSubmits(count: number, timeoutMs?: number): Promise<SubmittedSms[]>;
  close(): Promise<void>;
}

/**
 * An SMSC on loopback (the `smpp` package's server side): binds transceivers with a password, answers submit_sm
 * with a message id, and sends a delivery receipt (deliver_sm with the MC delivery receipt flag, the classic
 * receipt text and the receipted_message_id / message_state TLVs).
 */
export async function startSmsc(): Promise<TestSmsc> {
  const submits: SubmittedSms[] = [];
  let next = 1000;
  const state: { receipt: TestSmsc['receipt'] } = { receipt: { status: 'DELIVRD', delayMs: 50 } };
  const server = smpp.createServer((session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.Pdu) => {
      const ok = pdu.system_id === 'kabinet' && pdu.password === 'secret';
      session.send(pdu.response({ command_status: ok ? smpp.ESME_ROK : smpp.ESME_RBINDFAIL }));
      if (!ok) session.close();
    });
    session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.Pdu) => {
      const messageId = `SMSC${next++}`;
      const textOf = (field: unknown): string =>
        typeof field === 'string' ? field : ((field as { message?: string } | undefined)?.message ?? '');
      // Long texts come in the message_payload TLV, short ones in short_message.
      const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
      submits.push({
        messageId,
        to: String(pdu.destination_addr),
        from: String(pdu.source_addr),
        text,
        registeredDelivery: Number(pdu.registered_delivery),
      });
      session.send(pdu.response({ message_id: messageId }));
      const receipt = state.receipt;
      if (!receipt || Number(pdu.registered_delivery) === 0) return;
      setTimeout(() => {
        const done = receipt.status === 'DELIVRD' ? '001' : '000';
        session.deliver_sm({
          source_addr: pdu.destination_addr,
          destination_addr: pdu.source_addr,
          esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
          short_message: `id:${messageId} sub:001 dlvrd:${done} submit date:2611241200 done date:2611241200 stat:${receipt.status} err:000 text:`,
          receipted_message_id: messageId,
          message_state:
            receipt.status === 'DELIVRD' ? smpp.MESSAGE_STATE.DELIVERED : smpp.MESSAGE_STATE.UNDELIVERABLE,
        });
      }, receipt.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smpp://kabinet:secret@127.0.0.1:${port}`,
    submits,
    get receipt() {
      return state.receipt;
    },
    set receipt(value) {
      state.receipt = value;
    },
    async waitForSubmits(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (submits.length < count) {
        if (Date.now() > deadline)
          throw new Error(`SMSC: ${submits.length} of ${count} submit_sm in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return submits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of server.sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}
