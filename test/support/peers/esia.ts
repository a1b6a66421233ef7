import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A GOST R 34.10-2012 (256) key pair in PEM files, made by Debian's openssl with its GOST engine. */
export interface GostKeys {
  keyFile: string;
  publicKeyFile: string;
}

export function gostKeys(dir: string, name: string): GostKeys {
  const keyFile = join(dir, `${name}.key`);
  const publicKeyFile = join(dir, `${name}.pub`);
  const gen = spawnSync(
    'openssl',
    ['genpkey', '-engine', 'gost', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', keyFile],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0)
    throw new Error(
      `this test needs openssl's GOST engine (apt-get install -y libengine-gost-openssl): ${gen.stderr}`,
    );
  const pub = spawnSync(
    'openssl',
    ['pkey', '-engine', 'gost', '-in', keyFile, '-pubout', '-out', publicKeyFile],
    { encoding: 'utf8' },
  );
  if (pub.status !== 0) throw new Error(pub.stderr);
  return { keyFile, publicKeyFile };
}

function gostSign(keyFile: string, data: Buffer): Buffer {
  const run = spawnSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_256', '-sign', keyFile], {
    input: data,
  });
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return run.stdout;
}

function gostVerifies(publicKeyFile: string, data: Buffer, signature: Buffer, dir: string): boolean {
  const file = join(dir, `sig-${randomBytes(6).toString('hex')}`);
  writeFileSync(file, signature);
  const run = spawnSync(
    'openssl',
    ['dgst', '-engine', 'gost', '-md_gost12_256', '-verify', publicKeyFile, '-signature', file],
    { input: data },
  );
  return run.status === 0;
}

export interface FakeEsiaOptions {
  clientId: string;
  /** The redirect URIs registered for the client: any other is refused. */
  redirectUris: readonly string[];
  /** The client's public key: `client_secret` must verify with it. */
  clientPublicKeyFile: string;
  issuer: string;
  /** The person ESIA knows, answered at /rs/prns. */
  person: { oid: string; person: object; contacts: object[]; documents: object[]; addresses: object[] };
}

export interface FakeEsia {
  url: string;
  /** ESIA's own key pair: its tokens are signed with it. */
  keys: GostKeys;
  /** The next authorization ends with the person refusing consent. */
  refuseNext(): void;
  /** From now on client_secret must verify with this key instead (a client with the wrong key). */
  trust(publicKeyFile: string): void;
  /** From now on tokens are signed with this key (tokens ESIA's key does not verify). */
  signTokensWith(keyFile: string): void;
  /** Every code given so far expires now. */
  expireCodes(): void;
  /** Token exchanges seen and how they ended. */
  exchanges: { error: string | null }[];
  close(): Promise<void>;
}

const TIMESTAMP = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

function timestampOk(text: string | null, windowSeconds = 300): boolean {
  const m = text ? TIMESTAMP.exec(text) : null;
  if (!m) return false;
  const sign = m[7] === '-' ? -1 : 1;
  const offset = sign * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  const at =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - offset;
  return Math.abs(Date.now() - at) <= windowSeconds * 1000;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A fake ESIA on loopback for the tests (issue 12 item 3): `/aas/oauth2/v2/ac` and `/aas/oauth2/v3/te` checking what
 * the real one checks — the client, the registered redirect URI, the timestamp window, the GOST signature in
 * `client_secret` (with openssl's GOST engine), single-use codes that expire — answering with ESIA's error codes,
 * GOST-signed JWTs, and the person at `/rs/prns/{oid}` (+ `ctts`, `docs`, `addrs`) for a valid bearer token.
 */
export async function startFakeEsia(options: FakeEsiaOptions): Promise<FakeEsia> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-esia-'));
  const keys = gostKeys(dir, 'esia');
  let trusted = options.clientPublicKeyFile;
  let tokenKey = keys.keyFile;
  let refuse = false;
  const codes = new Map<string, { expiresAt: number; used: boolean }>();
  const tokens = new Set<string>();
  const exchanges: { error: string | null }[] = [];
  const verifies = (parts: string[], secret: string | null) =>
    secret !== null &&
    gostVerifies(trusted, Buffer.from(parts.join(''), 'utf8'), Buffer.from(secret, 'base64url'), dir);
  const jwt = (payload: object, sbt: string) => {
    const header = Buffer.from(
      JSON.stringify({ alg: 'GOST3410_2012_256', typ: 'JWT', sbt, ver: 1 }),
    ).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${header}.${body}.${gostSign(tokenKey, Buffer.from(`${header}.${body}`, 'ascii')).toString('base64url')}`;
  };
  const json = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const back = (res: ServerResponse, redirectUri: string, params: Record<string, string>) => {
    res.writeHead(302, { location: `${redirectUri}?${new URLSearchParams(params).toString()}` });
    res.end();
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://esia.test');
      if (req.method === 'GET' && url.pathname === '/aas/oauth2/v2/ac') {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        const state = q.get('state') ?? '';
        if (q.get('client_id') !== options.clientId || !options.redirectUris.includes(redirectUri)) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('ESIA-007008: the client or its redirect address is not registered');
          return;
        }
        if (!timestampOk(q.get('timestamp')))
          return back(res, redirectUri, {
            error: 'invalid_request',
            error_description: 'ESIA-007012: timestamp out of range',
            state,
          });
        const signed = [
          options.clientId,
          q.get('scope') ?? '',
          '',
          q.get('timestamp') ?? '',
          state,
          redirectUri,
        ];
        if (!verifies(signed, q.get('client_secret')))
          return back(res, redirectUri, {
            error: 'invalid_client',
            error_description: 'ESIA-007002: wrong client_secret',
            state,
          });
        if (refuse) {
          refuse = false;
          return back(res, redirectUri, {
            error: 'access_denied',
            error_description: 'ESIA-007059: the user refused consent',
            state,
          });
        }
        const code = randomBytes(24).toString('base64url');
        codes.set(code, { expiresAt: Date.now() + 120_000, used: false });
        return back(res, redirectUri, { code, state });
      }
      if (req.method === 'POST' && url.pathname === '/aas/oauth2/v3/te') {
        const form = new URLSearchParams(await readBody(req));
        const fail = (status: number, error: string, description: string) => {
          exchanges.push({ error: description.slice(0, 11) });
          json(res, status, { error, error_description: description });
        };
        const redirectUri = form.get('redirect_uri') ?? '';
        if (form.get('client_id') !== options.clientId || !options.redirectUris.includes(redirectUri))
          return fail(400, 'invalid_client', 'ESIA-007008: unknown client or redirect address');
        if (form.get('grant_type') !== 'authorization_code')
          return fail(400, 'unsupported_grant_type', 'ESIA-007003: unsupported grant type');
        if (!timestampOk(form.get('timestamp')))
          return fail(400, 'invalid_request', 'ESIA-007012: timestamp out of range');
        const code = form.get('code') ?? '';
        const signed = [
          options.clientId,
          form.get('scope') ?? '',
          '',
          form.get('timestamp') ?? '',
          form.get('state') ?? '',
          redirectUri,
          code,
        ];
        if (!verifies(signed, form.get('client_secret')))
          return fail(400, 'invalid_client', 'ESIA-007002: wrong client_secret');
        const known = codes.get(code);
        if (!known || known.used || known.expiresAt <= Date.now())
          return fail(400, 'invalid_grant', 'ESIA-007004: the authorization code is invalid or expired');
        known.used = true;
        const now = Math.floor(Date.now() / 1000);
        const access = jwt(
          {
            iss: options.issuer,
            'urn:esia:sbj_id': Number(options.person.oid),
            client_id: options.clientId,
            scope: form.get('scope'),
            iat: now,
            nbf: now,
            exp: now + 3600,
          },
          'access',
        );
        const id = jwt(
          {
            iss: options.issuer,
            sub: Number(options.person.oid),
            aud: options.clientId,
            iat: now,
            exp: now + 3600,
            'urn:esia:amd': 'PWD',
          },
          'id',
        );
        tokens.add(access);
        exchanges.push({ error: null });
        return json(res, 200, {
          access_token: access,
          id_token: id,
          state: form.get('state'),
          token_type: 'Bearer',
          expires_in: 3600,
        });
      }
      const prns = /^\/rs\/prns\/(\d+)(\/(ctts|docs|addrs))?$/.exec(url.pathname);
      if (req.method === 'GET' && prns) {
        const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!tokens.has(bearer) || prns[1] !== options.person.oid)
          return json(res, 401, { code: 'ESIA-005011' });
        const part = prns[3];
        const p = options.person;
        if (!part) return json(res, 200, p.person);
        const elements = part === 'ctts' ? p.contacts : part === 'docs' ? p.documents : p.addresses;
        return json(res, 200, { size: elements.length, elements });
      }
      json(res, 404, { error: 'not_found' });
    })().catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    refuseNext: () => void (refuse = true),
    trust: (file) => void (trusted = file),
    signTokensWith: (file) => void (tokenKey = file),
    expireCodes: () => {
      for (const code of codes.values()) code.expiresAt = 0;
    },
    exchanges,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The HTTP signer service as production runs it, on loopback: `POST /sign` answers the raw GOST signature of the
 * body with the client's key, `POST /verify` checks `{data, signature}` (base64) with ESIA's public key. Requests
 * without the bearer token are refused.
 */
export async function startGostSigner(options: {
  keyFile: string;
  esiaPublicKeyFile: string;
  token: string;
}): Promise<{ url: string; signed: number; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gost-signer-'));
  const state = { signed: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        res.writeHead(401).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url === '/sign') {
        state.signed += 1;
        res
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(gostSign(options.keyFile, body));
        return;
      }
      if (req.method === 'POST' && req.url === '/verify') {
        const { data, signature } = JSON.parse(body.toString('utf8')) as { data: string; signature: string };
        const valid = gostVerifies(
          options.esiaPublicKeyFile,
          Buffer.from(data, 'base64'),
          Buffer.from(signature, 'base64'),
          dir,
        );
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ valid }));
        return;
      }
      res.writeHead(404).end();
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get signed() {
      return state.signed;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
