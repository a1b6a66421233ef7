import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApp } from '../../../src/api/app.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/ops/metrics.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

/*
 * Issue 14 item 1: /metrics in the Prometheus text format — HTTP by route template and status, workflow commands by
 * type and outcome, code checks by purpose and outcome, the outbox's lag, the queues' depths, Node's defaults — with
 * no ids, codes or addresses in it; behind METRICS_TOKEN (and absent in production without one).
 */
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f.close();
});

const scrape = async (): Promise<string> => {
  const answer = await fetch(`${f.base}/metrics`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return answer.text();
};

/** The value of one series, by its name and labels in any order (`name{a="1",b="2"}`). */
const value = (text: string, series: string): number => {
  const [name, labels = ''] = series.replace('}', '').split('{');
  const wanted = labels.split(',').filter(Boolean);
  const line = text.split('\n').find((l) => {
    const match = /^([^{ ]+)(?:\{([^}]*)\})? /.exec(l);
    if (!match || match[1] !== name) return false;
    const have = (match[2] ?? '').split(',');
    return wanted.length === have.length && wanted.every((label) => have.includes(label));
  });
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
};

describe('/metrics', () => {
  it('counts HTTP by route template, commands by outcome and codes by outcome — never ids or codes', async () => {
    const client = await f.login('client@demo.local');
    const created = await f.call('POST', '/api/v1/requests', {
      token: client,
      body: { type: 'withdrawal', payload: SAMPLE_PAYLOADS.withdrawal },
    });
    const id = String(created.body['id']);
    await f.call('GET', `/api/v1/requests/${id}`, { token: client });
    const started = await f.call('POST', `/api/v1/requests/${id}/submit`, { token: client });
    expect(started.status).toBe(202);
    const challengeId = String(started.body['challengeId']);
    const code = f.sms.code(f.phoneOf('client@demo.local'));
    const wrong = code === '000000' ? '111111' : '000000';
    await f.call('POST', `/api/v1/confirmations/${challengeId}`, { token: client, body: { code: wrong } });
    await f.call('POST', `/api/v1/confirmations/${challengeId}`, { token: client, body: { code } });
    // A second cancel of a draft that is no longer one: refused by the workflow's rules.
    await f.call('POST', `/api/v1/requests/${id}/cancel`, { token: await f.login('ip@demo.local') });

    const text = await scrape();
    expect(
      value(
        text,
        'kabinet_http_request_duration_seconds_count{method="GET",route="/api/v1/requests/:id",status="200",role="all"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(text, 'kabinet_workflow_commands_total{command="submit",outcome="applied",role="all"}'),
    ).toBe(1);
    expect(value(text, 'kabinet_confirmations_total{purpose="sign_request",outcome="sent",role="all"}')).toBe(
      1,
    );
    expect(
      value(text, 'kabinet_confirmations_total{purpose="sign_request",outcome="wrong",role="all"}'),
    ).toBe(1);
    expect(
      value(text, 'kabinet_confirmations_total{purpose="sign_request",outcome="confirmed",role="all"}'),
    ).toBe(1);
    expect(value(text, 'kabinet_confirmations_total{purpose="login",outcome="confirmed",role="all"}')).toBe(
      2,
    );
    expect(value(text, 'kabinet_outbox_lag_seconds{role="all"}')).toBeGreaterThanOrEqual(0);
    expect(
      value(text, 'kabinet_queue_jobs{queue="notify-email",state="waiting",role="all"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(value(text, 'kabinet_process_resident_memory_bytes{role="all"}')).toBeGreaterThan(0);
    // Nothing that names a person, a request or a secret.
    expect(text).not.toContain(id);
    expect(text).not.toContain(code);
    expect(text).not.toContain('client@demo.local');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('a refused command and a lost race are told apart', async () => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, {
      type: 'withdrawal',
      payload: SAMPLE_PAYLOADS.withdrawal,
    });
    await f.workflow.cancel(client, draft.id);
    await expect(f.workflow.cancel(client, draft.id)).rejects.toThrow();
    const text = await scrape();
    expect(
      value(text, 'kabinet_workflow_commands_total{command="cancel",outcome="applied",role="all"}'),
    ).toBe(1);
    expect(
      value(text, 'kabinet_workflow_commands_total{command="cancel",outcome="refused",role="all"}'),
    ).toBe(1);
  });
});

describe('who may read /metrics', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function serve(token: string | undefined, production: boolean): Promise<string> {
    const app = createApp({
      orm: f.db.orm,
      logger: createLogger('silent'),
      metricsExposure: { metrics: new Metrics('worker'), token, production },
    });
    const server = createServer(app.callback());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  it('with METRICS_TOKEN only the bearer of it; without one, nobody in production', async () => {
    const token = 'scrape-token-0123456789';
    const guarded = await serve(token, true);
    expect((await fetch(guarded)).status).toBe(404);
    expect(
      (await fetch(guarded, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(404);
    const ok = await fetch(guarded, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('kabinet_process_cpu_seconds_total{role="worker"}');
    expect((await fetch(await serve(undefined, true))).status).toBe(404);
    expect((await fetch(await serve(undefined, false))).status).toBe(200);
  });
});
