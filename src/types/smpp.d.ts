/** The parts of `smpp` (farhadi/node-smpp 0.5, no bundled types) Kabinet uses: an ESME client and, in tests, an SMSC. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    interface Pdu {
      command: string;
      command_status: number;
      sequence_number: number;
      [param: string]: unknown;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): Pdu;
    }

    type PduCallback = (pdu: Pdu) => void;

    class Session extends EventEmitter {
      socket: Socket;
      send(pdu: Pdu, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      submit_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      deliver_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      enquire_link(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      unbind(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    }

    class Server extends NetServer {
      sessions: Session[];
    }

    interface ConnectOptions {
      url?: string;
      host?: string;
      port?: number;
      auto_enquire_link_period?: number;
    }

    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(listener: (session: Session) => void): Server;
    function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;

    const ESME_ROK: number;
    const ESME_RINVMSGLEN: number;
    const ESME_RSYSERR: number;
    const ESME_RINVSRCADR: number;
    const ESME_RINVDSTADR: number;
    const ESME_RBINDFAIL: number;
    const ESME_RMSGQFUL: number;
    const ESME_RSUBMITFAIL: number;
    const ESME_RTHROTTLED: number;
    const REGISTERED_DELIVERY: { FINAL: number; FAILURE: number; SUCCESS: number };
    const ESM_CLASS: { MC_DELIVERY_RECEIPT: number };
    const MESSAGE_STATE: {
      SCHEDULED: number;
      ENROUTE: number;
      DELIVERED: number;
      EXPIRED: number;
      DELETED: number;
      UNDELIVERABLE: number;
      ACCEPTED: number;
      UNKNOWN: number;
      REJECTED: number;
      SKIPPED: number;
    };
    const TON: { UNKNOWN: number; INTERNATIONAL: number; ALPHANUMERIC: number };
    const NPI: { UNKNOWN: number; ISDN: number };
  }

  export = smpp;
}
