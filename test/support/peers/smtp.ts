import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  /** `smtp://user:pass@127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  /** Messages the server accepted (answered 250 to), parsed. */
  accepted: ParsedMail[];
  /** Messages received in full, including ones never acknowledged (held). */
  received: number;
  /** The next `n` messages are held: their DATA is never answered (a client killed mid-send). */
  holdNext(n?: number): void;
  /** The next message is refused with this SMTP code (550: permanent, 451: try later). */
  refuseNext(code: number, times?: number): void;
  waitForAccepted(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on loopback that parses what it receives (mailparser). */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const accepted: ParsedMail[] = [];
  let received = 0;
  let hold = 0;
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (auth.username === 'kabinet' && auth.password === 'smtp-secret')
        return callback(null, { user: 'kabinet' });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received += 1;
          if (hold > 0) {
            hold -= 1;
            return; // never answered
          }
          const code = refusals.shift();
          if (code !== undefined) {
            const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
              responseCode: number;
            };
            error.responseCode = code;
            return callback(error);
          }
          accepted.push(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // A client that dies mid-conversation (a worker killed) resets its socket: a server lives on.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://kabinet:smtp-secret@127.0.0.1:${port}`,
    accepted,
    get received() {
      return received;
    },
    holdNext(n = 1) {
      hold += n;
    },
    refuseNext(code, times = 1) {
      for (let i = 0; i < times; i += 1) refusals.push(code);
    },
    async waitForAccepted(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (accepted.length < count) {
        if (Date.now() > deadline)
          throw new Error(`SMTP: ${accepted.length} of ${count} messages in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return accepted;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
