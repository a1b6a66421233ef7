import type { EsiaConfig } from '../../config.js';
import type { EsiaCrypto } from './crypto.js';
import type { EsiaPerson } from './person-mapping.js';

/** Why a Gosuslugi sign-in ended without data; the web says each in words. */
export type EsiaFailure = 'refused' | 'state' | 'secret' | 'code' | 'token' | 'unavailable';

export class EsiaError extends Error {
  constructor(
    readonly reason: EsiaFailure,
    message: string,
    /** ESIA's own code (`ESIA-007004`), for the journal and the log. */
    readonly esiaCode?: string,
  ) {
    super(message);
    this.name = 'EsiaError';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ESIA's timestamp: `yyyy.MM.dd HH:mm:ss +0000`. */
export function esiaTimestamp(at: Date): string {
  return (
    `${at.getUTCFullYear()}.${pad(at.getUTCMonth() + 1)}.${pad(at.getUTCDate())} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`
  );
}

const b64url = (bytes: Buffer): string => bytes.toString('base64url');

/** The `ESIA-NNNNNN` code in an error description, if any. */
const esiaCodeIn = (text: unknown): string | undefined =>
  typeof text === 'string' ? /ESIA-\d{6}/.exec(text)?.[0] : undefined;

interface Claims {
  [claim: string]: unknown;
}

/**
 * ESIA's OAuth 2.0 flow as it is today (issue 12 item 3, docs/0030): authorization at `/aas/oauth2/v2/ac`, the token
 * at `/aas/oauth2/v3/te`, `client_secret` the raw GOST R 34.10-2012 signature of client_id + scope + scope_org +
 * timestamp + state + redirect_uri (+ code at the exchange), base64url; the JWTs checked (issuer, expiry, audience,
 * ESIA's signature); the person read from `/rs/prns/{oid}`.
 */
export class EsiaClient {
  constructor(
    private readonly config: EsiaConfig,
    private readonly crypto: EsiaCrypto,
    private readonly now: () => Date,
  ) {}

  private async secret(parts: readonly string[]): Promise<string> {
    return b64url(await this.crypto.sign(Buffer.from(parts.join(''), 'utf8')));
  }

  /** Where to send the person: ESIA's consent page for our scope, coming back with `state`. */
  async authorizationUrl(state: string): Promise<string> {
    const timestamp = esiaTimestamp(this.now());
    const { clientId, scope, redirectUri } = this.config;
    const params = new URLSearchParams({
      client_id: clientId,
      client_secret: await this.secret([clientId, scope, '', timestamp, state, redirectUri]),
      redirect_uri: redirectUri,
      scope,
      response_type: 'code',
      state,
      timestamp,
      access_type: 'online',
      client_certificate_hash: this.config.certHash,
    });
    return `${this.config.url}/aas/oauth2/v2/ac?${params.toString()}`;
  }

  /** The code → tokens (a fresh `state` for the exchange), both JWTs checked; answers the person's oid. */
  async exchange(code: string, state: string): Promise<{ oid: string; accessToken: string }> {
    const timestamp = esiaTimestamp(this.now());
    const { clientId, scope, redirectUri } = this.config;
    const body = new URLSearchParams({
      client_id: clientId,
      code,
      grant_type: 'authorization_code',
      client_secret: await this.secret([clientId, scope, '', timestamp, state, redirectUri, code]),
      state,
      redirect_uri: redirectUri,
      scope,
      timestamp,
      token_type: 'Bearer',
      client_certificate_hash: this.config.certHash,
    });
    let response: Response;
    try {
      response = await fetch(`${this.config.url}/aas/oauth2/v3/te`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new EsiaError('unavailable', `ESIA did not answer: ${String(error)}`);
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const kind = answer['error'];
      const reason: EsiaFailure =
        response.status >= 500
          ? 'unavailable'
          : kind === 'invalid_client' || kind === 'unauthorized_client'
            ? 'secret'
            : 'code';
      throw new EsiaError(
        reason,
        `ESIA refused the token: ${String(kind)}`,
        esiaCodeIn(answer['error_description']),
      );
    }
    const accessToken = answer['access_token'];
    const idToken = answer['id_token'];
    if (typeof accessToken !== 'string' || typeof idToken !== 'string')
      throw new EsiaError('token', 'ESIA answered without tokens');
    const access = await this.verified(accessToken);
    const id = await this.verified(idToken);
    const oid = access['urn:esia:sbj_id'];
    if (access['client_id'] !== clientId)
      throw new EsiaError('token', 'the access token is for another client');
    const audience = id['aud'];
    if (!(audience === clientId || (Array.isArray(audience) && audience.includes(clientId))))
      throw new EsiaError('token', 'the id token is for another audience');
    if ((typeof oid !== 'string' && typeof oid !== 'number') || String(id['sub']) !== String(oid))
      throw new EsiaError('token', 'the tokens name different persons');
    return { oid: String(oid), accessToken };
  }

  /** A JWT's claims once its signature (ESIA's key), issuer and expiry hold. */
  async verified(jwt: string): Promise<Claims> {
    const parts = jwt.split('.');
    if (parts.length !== 3) throw new EsiaError('token', 'not a JWT');
    const [header, payload, signature] = parts as [string, string, string];
    let head: Claims;
    let claims: Claims;
    try {
      head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Claims;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    } catch {
      throw new EsiaError('token', 'a JWT that is not JSON');
    }
    if (head['alg'] !== 'GOST3410_2012_256')
      throw new EsiaError('token', `an unexpected JWT algorithm ${String(head['alg'])}`);
    const valid = await this.crypto.verify(
      Buffer.from(`${header}.${payload}`, 'ascii'),
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) throw new EsiaError('token', 'the JWT signature does not verify with ESIA’s key');
    if (claims['iss'] !== this.config.issuer) throw new EsiaError('token', 'the JWT is from another issuer');
    const exp = claims['exp'];
    if (typeof exp !== 'number' || exp * 1000 <= this.now().getTime())
      throw new EsiaError('token', 'the JWT has expired');
    return claims;
  }

  private async read(path: string, accessToken: string): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${this.config.url}${path}`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new EsiaError('unavailable', `ESIA did not answer: ${String(error)}`);
    }
    if (!response.ok)
      throw new EsiaError('unavailable', `ESIA answered ${response.status} for the person's data`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** The person, their contacts, documents and addresses. */
  async person(oid: string, accessToken: string): Promise<EsiaPerson> {
    const base = `/rs/prns/${encodeURIComponent(oid)}`;
    const elements = (collection: Record<string, unknown>) =>
      Array.isArray(collection['elements']) ? (collection['elements'] as Record<string, unknown>[]) : [];
    const [person, contacts, documents, addresses] = await Promise.all([
      this.read(base, accessToken),
      this.read(`${base}/ctts?embed=(elements)`, accessToken),
      this.read(`${base}/docs?embed=(elements)`, accessToken),
      this.read(`${base}/addrs?embed=(elements)`, accessToken),
    ]);
    return {
      person,
      contacts: elements(contacts),
      documents: elements(documents),
      addresses: elements(addresses),
    };
  }
}
