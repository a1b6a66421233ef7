import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The GOST R 34.10-2012 cryptography ESIA requires (docs/0030): our `client_secret` is a raw signature of the request's
 * fields under the key of the certificate registered with ESIA, and ESIA's tokens are signed by its own key. Node has
 * no GOST: the work goes to a signer — in production an HTTP service where the key and certified cryptography
 * (CryptoPro or the like) live; in development and the tests Debian's openssl with its GOST engine.
 */
export interface EsiaCrypto {
  readonly name: string;
  /** The raw GOST R 34.10-2012 (256-bit) signature of `data` with the client's key. */
  sign(data: Buffer): Promise<Buffer>;
  /** Whether `signature` (raw, as in a JWT) over `data` verifies with ESIA's public key. */
  verify(data: Buffer, signature: Buffer): Promise<boolean>;
}

function run(
  command: string,
  args: string[],
  input: Buffer,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input);
  });
}

/** `openssl dgst -engine gost -md_gost12_256`: the development signer (Debian: libengine-gost-openssl). */
export class OpensslGostCrypto implements EsiaCrypto {
  readonly name = 'openssl_gost';
  constructor(
    private readonly options: {
      /** The client's GOST 2012-256 private key (PEM). */
      keyFile: string;
      /** ESIA's public key (PEM) the tokens are checked with. */
      esiaPublicKeyFile: string;
      openssl?: string;
    },
  ) {}

  async sign(data: Buffer): Promise<Buffer> {
    const result = await run(
      this.options.openssl ?? 'openssl',
      ['dgst', '-engine', 'gost', '-md_gost12_256', '-sign', this.options.keyFile],
      data,
    );
    if (result.code !== 0 || result.stdout.length === 0)
      throw new Error(`openssl could not sign: ${result.stderr.split('\n').slice(-2).join(' ').trim()}`);
    return result.stdout;
  }

  async verify(data: Buffer, signature: Buffer): Promise<boolean> {
    const dir = await mkdtemp(join(tmpdir(), 'kabinet-esia-'));
    try {
      const signatureFile = join(dir, 'signature');
      await writeFile(signatureFile, signature);
      const result = await run(
        this.options.openssl ?? 'openssl',
        [
          'dgst',
          '-engine',
          'gost',
          '-md_gost12_256',
          '-verify',
          this.options.esiaPublicKeyFile,
          '-signature',
          signatureFile,
        ],
        data,
      );
      return result.code === 0 && result.stdout.toString('utf8').includes('Verified OK');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The production signer: an HTTP service inside the company's perimeter holding the key in certified cryptography.
 * `POST <url>/sign` with the bytes answers the raw signature; `POST <url>/verify` with `{data, signature}` (base64)
 * answers `{valid}`. The service is trusted with nothing but bytes to sign and check.
 */
export class HttpSignerCrypto implements EsiaCrypto {
  readonly name = 'http_signer';
  constructor(private readonly options: { url: string; token?: string | undefined; timeoutMs?: number }) {}

  private headers(contentType: string): Record<string, string> {
    return {
      'content-type': contentType,
      ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
    };
  }

  async sign(data: Buffer): Promise<Buffer> {
    const response = await fetch(`${this.options.url.replace(/\/$/, '')}/sign`, {
      method: 'POST',
      headers: this.headers('application/octet-stream'),
      body: new Uint8Array(data),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`the signer answered ${response.status}`);
    const signature = Buffer.from(await response.arrayBuffer());
    if (signature.length === 0) throw new Error('the signer answered no signature');
    return signature;
  }

  async verify(data: Buffer, signature: Buffer): Promise<boolean> {
    const response = await fetch(`${this.options.url.replace(/\/$/, '')}/verify`, {
      method: 'POST',
      headers: this.headers('application/json'),
      body: JSON.stringify({ data: data.toString('base64'), signature: signature.toString('base64') }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`the signer answered ${response.status}`);
    const answer = (await response.json()) as { valid?: unknown };
    return answer.valid === true;
  }
}
