import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import type { RateLimiter, RateRule } from '../../identity/rate-limit.js';
import { appendJournal } from '../../journal/journal.js';
import type { Logger } from '../../logger.js';
import type { AccountApplications } from '../applications.service.js';
import { EsiaError, type EsiaClient, type EsiaFailure } from './esia-client.js';
import { EsiaLoginSchema } from './esia-login.entity.js';
import { mapEsiaPerson } from './person-mapping.js';

const STATE_TTL_MS = 10 * 60_000;

export interface EsiaOnboardingDeps {
  orm: Orm;
  client: EsiaClient;
  applications: AccountApplications;
  limiter: RateLimiter;
  startsPerIp: RateRule;
  logger: Logger;
  now: () => Date;
}

/** What ESIA's redirect brings back (the query of the callback). */
export interface EsiaCallback {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  errorDescription?: string | undefined;
}

/**
 * «Войти через Госуслуги» for an individual's questionnaire (issue 12 item 3): a `state` kept here, the person sent
 * to ESIA, and on the way back — state checked (once), the code exchanged, the tokens checked, the person read — a
 * new questionnaire filled from ESIA, opened by its resume link. Whatever fails, the person lands on the
 * questionnaire's page with the reason in words; nothing personal goes to the journal or the log.
 */
export class EsiaOnboarding {
  constructor(private readonly deps: EsiaOnboardingDeps) {}

  async start(locale: 'ru' | 'en', ip: string | null): Promise<{ url: string }> {
    await this.deps.limiter.enforce([[`onboarding:esia:ip:${ip ?? 'unknown'}`, this.deps.startsPerIp]]);
    const now = this.deps.now();
    const state = randomUUID();
    const em = this.deps.orm.em.fork();
    em.create(EsiaLoginSchema, {
      state,
      locale,
      createdAt: now,
      expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      usedAt: null,
    });
    await em.flush();
    // Old states are of no use to anyone.
    await em.nativeDelete(EsiaLoginSchema, { expiresAt: { $lt: new Date(now.getTime() - 86_400_000) } });
    return { url: await this.deps.client.authorizationUrl(state) };
  }

  /** Where the browser goes next: the filled questionnaire, or the questionnaire's page saying what went wrong. */
  async callback(query: EsiaCallback): Promise<string> {
    try {
      const locale = await this.spendState(query.state);
      if (query.error !== undefined)
        throw new EsiaError(
          query.error === 'access_denied'
            ? 'refused'
            : query.error === 'invalid_client' || query.error === 'unauthorized_client'
              ? 'secret'
              : 'unavailable',
          `ESIA answered ${query.error}`,
          /ESIA-\d{6}/.exec(query.errorDescription ?? '')?.[0],
        );
      if (!query.code) throw new EsiaError('code', 'ESIA came back without a code');
      const { oid, accessToken } = await this.deps.client.exchange(query.code, randomUUID());
      const person = await this.deps.client.person(oid, accessToken);
      const { id, token } = await this.deps.applications.startFromEsia({
        locale,
        oid,
        mapped: mapEsiaPerson(person),
      });
      return `/open-account/${id}#${token}`;
    } catch (error) {
      const reason: EsiaFailure = error instanceof EsiaError ? error.reason : 'unavailable';
      const esiaCode = error instanceof EsiaError ? error.esiaCode : undefined;
      this.deps.logger.warn(
        { reason, esiaCode, err: error instanceof Error ? error.message : String(error) },
        'onboarding: the Gosuslugi sign-in failed',
      );
      await this.deps.orm.em.fork().transactional((em) =>
        appendJournal(em, [
          {
            action: 'onboarding.esia_failed',
            actorId: null,
            at: this.deps.now(),
            data: { reason, ...(esiaCode ? { esiaCode } : {}) },
          },
        ]),
      );
      return `/open-account?esia=${reason}`;
    }
  }

  /** The state we sent: known, unused, fresh; spent here (a replayed callback finds it spent). */
  private async spendState(state: string | undefined): Promise<'ru' | 'en'> {
    if (!state || !/^[0-9a-f-]{36}$/i.test(state)) throw new EsiaError('state', 'no state, or not ours');
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    const spent = await em.nativeUpdate(
      EsiaLoginSchema,
      { state, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (spent === 0) throw new EsiaError('state', 'the state is unknown, used or expired');
    const row = await em.findOneOrFail(EsiaLoginSchema, { state });
    return row.locale === 'en' ? 'en' : 'ru';
  }
}
