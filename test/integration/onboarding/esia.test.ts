import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import {
  gostKeys,
  startFakeEsia,
  startGostSigner,
  type FakeEsia,
  type GostKeys,
} from '../../support/peers/esia.js';

jest.setTimeout(60_000);

/*
 * «Войти через Госуслуги» (issue 12 item 3) against a fake ESIA on loopback that checks what the real one checks
 * (GOST signatures with openssl's GOST engine, the timestamp window, the registered redirect, single-use codes) and
 * answers with ESIA's error codes: the questionnaire filled from the person's data with verified contacts, and each
 * refusal brought back to the questionnaire's page as a reason the page says in words.
 */

const CLIENT_ID = 'KABINET_TEST';
const ISSUER = 'http://esia-test.gosuslugi.ru/';
const REDIRECT = 'https://kabinet.example.ru/api/v1/onboarding/esia/callback';
const OID = '1000299654';

const PERSON = {
  oid: OID,
  person: {
    firstName: 'Мария',
    lastName: 'Кузнецова',
    middleName: 'Олеговна',
    birthDate: '03.02.1988',
    birthPlace: 'г. Санкт-Петербург',
    gender: 'F',
    trusted: true,
    citizenship: 'RUS',
    snils: '112-233-445 95',
    inn: '770312345678',
  },
  contacts: [
    { type: 'MBT', vrfStu: 'VERIFIED', value: '+7(999)7776655' },
    { type: 'EML', vrfStu: 'NOT_VERIFIED', value: 'Maria.K@example.ru' },
  ],
  documents: [
    {
      type: 'RF_PASSPORT',
      vrfStu: 'VERIFIED',
      series: '4008',
      number: '654987',
      issueDate: '15.03.2008',
      issueId: '780012',
      issuedBy: 'ТП № 12 отдела УФМС России по г. Санкт-Петербургу',
    },
  ],
  addresses: [
    { type: 'PRG', zipCode: '190000', addressStr: 'г. Санкт-Петербург, ул. Садовая, д. 10, кв. 5' },
    { type: 'PLV', zipCode: '190000', addressStr: 'г. Санкт-Петербург, ул. Садовая, д. 10, кв. 5' },
  ],
};

let dir: string;
let ours: GostKeys;
let stranger: GostKeys;
let esia: FakeEsia;
let f: ApiFixture;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kabinet-esia-test-'));
  ours = gostKeys(dir, 'kabinet');
  stranger = gostKeys(dir, 'stranger');
  esia = await startFakeEsia({
    clientId: CLIENT_ID,
    redirectUris: [REDIRECT],
    clientPublicKeyFile: ours.publicKeyFile,
    issuer: ISSUER,
    person: PERSON,
  });
  f = await createApiFixture({
    env: {
      ESIA_URL: esia.url,
      ESIA_CLIENT_ID: CLIENT_ID,
      ESIA_CERT_HASH: 'A1B2C3D4E5F6',
      ESIA_SIGNER: 'openssl',
      ESIA_KEY_FILE: ours.keyFile,
      ESIA_PUBLIC_KEY_FILE: esia.keys.publicKeyFile,
      ESIA_ISSUER: ISSUER,
      ESIA_REDIRECT_URI: REDIRECT,
    },
  });
});
afterAll(async () => {
  await Promise.all([f?.close(), esia?.close()]);
});

/** The person presses the button, ESIA answers, the browser comes back: where does the cabinet send it? */
async function signInThroughEsia(
  app: ApiFixture = f,
): Promise<{ landing: string; esiaQuery: URLSearchParams }> {
  const started = await app.call('POST', '/api/v1/onboarding/esia', { body: { locale: 'ru' } });
  expect(started.status).toBe(200);
  const authorize = new URL(String(started.body['url']));
  expect(authorize.origin + authorize.pathname).toBe(`${esia.url}/aas/oauth2/v2/ac`);
  const atEsia = await fetch(authorize, { redirect: 'manual' });
  expect(atEsia.status).toBe(302);
  const back = new URL(atEsia.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(REDIRECT);
  const landing = await fetch(`${app.base}/api/v1/onboarding/esia/callback${back.search}`, {
    redirect: 'manual',
  });
  expect(landing.status).toBe(302);
  return { landing: landing.headers.get('location') ?? '', esiaQuery: back.searchParams };
}

describe('«Войти через Госуслуги»', () => {
  it('is offered when configured', async () => {
    const q = await f.call('GET', '/api/v1/onboarding/questionnaires');
    expect(q.body['esia']).toBe(true);
  });

  it('fills an individual’s questionnaire from ESIA; verified contacts need no code, the others do', async () => {
    const { landing } = await signInThroughEsia();
    const match = /^\/open-account\/([0-9a-f-]{36})#([A-Za-z0-9_-]{43})$/.exec(landing);
    expect(match).not.toBeNull();
    const [, id, token] = match ?? [];
    const draft = await f.call('GET', `/api/v1/onboarding/applications/${id}`, {
      headers: { 'x-application-token': token ?? '' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ kind: 'individual', status: 'draft' });
    expect(draft.body['answers']).toMatchObject({
      lastName: 'Кузнецова',
      firstName: 'Мария',
      middleName: 'Олеговна',
      birthDate: '1988-02-03',
      citizenship: 'ru',
      snils: '112-233-445 95',
      inn: '770312345678',
      passportSeries: '4008',
      passportNumber: '654987',
      documentIssueDate: '2008-03-15',
      documentDivisionCode: '780-012',
      registrationAddress: '190000, г. Санкт-Петербург, ул. Садовая, д. 10, кв. 5',
      actualSameAsRegistration: true,
      phone: '+79997776655',
      email: 'maria.k@example.ru',
    });
    expect(draft.body['prefilledFields']).toEqual(
      expect.arrayContaining(['lastName', 'snils', 'passportNumber', 'phone']),
    );
    const contacts = draft.body['contacts'] as Record<string, { confirmed: boolean; byEsia: boolean }>;
    expect(contacts['phone']).toMatchObject({ confirmed: true, byEsia: true });
    expect(contacts['email']).toMatchObject({ confirmed: false, byEsia: false });
  });

  it('ESIA sends nobody to an address not registered for the client (ESIA-007008)', async () => {
    const started = await f.call('POST', '/api/v1/onboarding/esia', { body: { locale: 'ru' } });
    const tampered = new URL(String(started.body['url']));
    tampered.searchParams.set('redirect_uri', 'https://evil.example/steal');
    const atEsia = await fetch(tampered, { redirect: 'manual' });
    expect(atEsia.status).toBe(400);
    expect(await atEsia.text()).toContain('ESIA-007008');
  });

  it('a replayed callback finds its state spent; an unknown state leads nowhere', async () => {
    const { esiaQuery } = await signInThroughEsia();
    const replay = await fetch(`${f.base}/api/v1/onboarding/esia/callback?${esiaQuery.toString()}`, {
      redirect: 'manual',
    });
    expect(replay.headers.get('location')).toBe('/open-account?esia=state');
    const forged = await fetch(
      `${f.base}/api/v1/onboarding/esia/callback?code=abc&state=0b8e1f9a-3c2d-4e5f-8a9b-0c1d2e3f4a5b`,
      { redirect: 'manual' },
    );
    expect(forged.headers.get('location')).toBe('/open-account?esia=state');
  });

  it('a refused consent comes back as "refused"', async () => {
    esia.refuseNext();
    expect((await signInThroughEsia()).landing).toBe('/open-account?esia=refused');
  });

  it('a code used once cannot be used again; an expired code is refused by ESIA (ESIA-007004)', async () => {
    const used = (await signInThroughEsia()).esiaQuery.get('code') ?? '';
    const fresh = await f.call('POST', '/api/v1/onboarding/esia', { body: { locale: 'ru' } });
    const freshBack = new URL(
      (await fetch(String(fresh.body['url']), { redirect: 'manual' })).headers.get('location') ?? '',
    );
    const reused = await fetch(
      `${f.base}/api/v1/onboarding/esia/callback?code=${encodeURIComponent(used)}&state=${freshBack.searchParams.get('state') ?? ''}`,
      { redirect: 'manual' },
    );
    expect(reused.headers.get('location')).toBe('/open-account?esia=code');
    expect(esia.exchanges.at(-1)).toEqual({ error: 'ESIA-007004' });

    const started = await f.call('POST', '/api/v1/onboarding/esia', { body: { locale: 'ru' } });
    const atEsia = await fetch(String(started.body['url']), { redirect: 'manual' });
    const back = new URL(atEsia.headers.get('location') ?? '');
    esia.expireCodes();
    const expired = await fetch(`${f.base}/api/v1/onboarding/esia/callback${back.search}`, {
      redirect: 'manual',
    });
    expect(expired.headers.get('location')).toBe('/open-account?esia=code');
    expect(esia.exchanges.at(-1)).toEqual({ error: 'ESIA-007004' });
  });

  it('a client_secret not signed with the registered key is refused (ESIA-007002) as "secret"', async () => {
    esia.trust(stranger.publicKeyFile);
    try {
      expect((await signInThroughEsia()).landing).toBe('/open-account?esia=secret');
    } finally {
      esia.trust(ours.publicKeyFile);
    }
  });

  it('tokens ESIA’s key does not verify are refused as "token"', async () => {
    esia.signTokensWith(stranger.keyFile);
    try {
      expect((await signInThroughEsia()).landing).toBe('/open-account?esia=token');
    } finally {
      esia.signTokensWith(esia.keys.keyFile);
    }
  });

  it('a request outside ESIA’s timestamp window is refused (the clock matters)', async () => {
    f.clock.advance(15 * 60_000);
    try {
      expect((await signInThroughEsia()).landing).toBe('/open-account?esia=unavailable');
    } finally {
      f.clock.advance(-15 * 60_000);
    }
  });

  it('journals every failure by its reason, with no personal data', async () => {
    const entries = await f.db.orm.em.fork().find(JournalEntrySchema, { action: 'onboarding.esia_failed' });
    expect(entries.map((e) => e.data['reason']).sort()).toEqual(
      ['code', 'code', 'refused', 'secret', 'state', 'state', 'token', 'unavailable'].sort(),
    );
    const text = JSON.stringify(entries.map((e) => e.data));
    for (const personal of ['Кузнецова', '4008', '112-233-445 95', OID]) expect(text).not.toContain(personal);
  });
});

describe('through the HTTP signer service (production’s way)', () => {
  it('signs client_secret and checks ESIA’s tokens there: the same questionnaire comes out', async () => {
    const signer = await startGostSigner({
      keyFile: ours.keyFile,
      esiaPublicKeyFile: esia.keys.publicKeyFile,
      token: 'signer-secret-token',
    });
    const app = await createApiFixture({
      env: {
        ESIA_URL: esia.url,
        ESIA_CLIENT_ID: CLIENT_ID,
        ESIA_CERT_HASH: 'A1B2C3D4E5F6',
        ESIA_SIGNER: 'http',
        ESIA_SIGNER_URL: signer.url,
        ESIA_SIGNER_TOKEN: 'signer-secret-token',
        ESIA_ISSUER: ISSUER,
        ESIA_REDIRECT_URI: REDIRECT,
      },
    });
    try {
      const { landing } = await signInThroughEsia(app);
      expect(landing).toMatch(/^\/open-account\/[0-9a-f-]{36}#/);
      // One signature for the authorization, one for the exchange.
      expect(signer.signed).toBe(2);
    } finally {
      await app.close();
      await signer.close();
    }
  });
});
