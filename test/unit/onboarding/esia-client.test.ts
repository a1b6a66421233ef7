import { describe, expect, it } from '@jest/globals';
import type { EsiaConfig } from '../../../src/config.js';
import type { EsiaCrypto } from '../../../src/onboarding/esia/crypto.js';
import { EsiaClient } from '../../../src/onboarding/esia/esia-client.js';

/** The test signer: records what it is asked to sign and answers a fixed "signature". */
class RecordingSigner implements EsiaCrypto {
  readonly name = 'test';
  readonly signed: string[] = [];
  async sign(data: Buffer): Promise<Buffer> {
    this.signed.push(data.toString('utf8'));
    return Buffer.from([0xfb, 0xff, 0x01, 0x02]);
  }
  async verify(): Promise<boolean> {
    return false;
  }
}

const CONFIG: EsiaConfig = {
  url: 'https://esia.example',
  clientId: 'KABINET',
  certHash: 'CERTHASH',
  issuer: 'http://esia.gosuslugi.ru/',
  scope: 'openid fullname snils',
  redirectUri: 'https://kabinet.example.ru/api/v1/onboarding/esia/callback',
  signer: { kind: 'http', url: 'http://signer', token: undefined },
};

describe('the ESIA authorization request', () => {
  it('signs client_id + scope + scope_org + timestamp + state + redirect_uri and sends the signature base64url', async () => {
    const signer = new RecordingSigner();
    const client = new EsiaClient(CONFIG, signer, () => new Date('2026-12-04T07:05:09Z'));
    const url = new URL(await client.authorizationUrl('3f1c2b7e-0000-4000-8000-000000000001'));
    expect(signer.signed).toEqual([
      'KABINETopenid fullname snils2026.12.04 07:05:09 +00003f1c2b7e-0000-4000-8000-000000000001' +
        'https://kabinet.example.ru/api/v1/onboarding/esia/callback',
    ]);
    expect(url.origin + url.pathname).toBe('https://esia.example/aas/oauth2/v2/ac');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'KABINET',
      client_secret: '-_8BAg',
      redirect_uri: CONFIG.redirectUri,
      scope: CONFIG.scope,
      response_type: 'code',
      state: '3f1c2b7e-0000-4000-8000-000000000001',
      timestamp: '2026.12.04 07:05:09 +0000',
      access_type: 'online',
      client_certificate_hash: 'CERTHASH',
    });
  });

  it('refuses a JWT of another algorithm before asking the signer anything', async () => {
    const signer = new RecordingSigner();
    const client = new EsiaClient(CONFIG, signer, () => new Date());
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await expect(
      client.verified(`${part({ alg: 'none' })}.${part({ iss: CONFIG.issuer })}.`),
    ).rejects.toMatchObject({
      reason: 'token',
    });
    expect(signer.signed).toEqual([]);
  });
});
