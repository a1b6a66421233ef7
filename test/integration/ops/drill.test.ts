import { describe, expect, it } from '@jest/globals';
import { runDrill } from '../../../drill/drill.js';
import { formatReport } from '../../../drill/report.js';

/*
 * Issue 14 item 4, the short version of `npm run drill`: 2 api, 2 worker and 1 bots process on one PostgreSQL
 * database and one Redis; withdrawals over HTTP and client-bot presses while a worker is SIGKILLed mid-delivery,
 * an api process mid-command, Redis restarted empty, PostgreSQL's backends terminated, and an api, a worker and
 * the bots stopped with SIGTERM — then every invariant must hold.
 */
describe('the scale-out drill (short)', () => {
  it('keeps every invariant through kills, a Redis restart and dropped database connections', async () => {
    const report = await runDrill({ lifecycles: 6, concurrency: 3, root: process.cwd() });
    const failed = report.checks.filter((c) => !c.ok);
    // The whole report when something broke: which invariant, and what the processes said.
    expect(failed.length === 0 ? [] : [formatReport(report)]).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'each sent delivery has exactly one notify.sent journal entry, and nothing else has one',
        'no task completed twice',
        'the journal chain verifies',
      ]),
    );
    expect(report.faults.map((f) => f.name)).toEqual([
      'SIGKILL worker-1 mid-delivery',
      'SIGKILL api-1 mid-command',
      'Redis restarted (empty)',
      'PostgreSQL backends terminated',
      'SIGTERM api-2, worker-2 and bots (graceful)',
    ]);
    expect(report.lifecycles.done).toBe(6);
  }, 300_000);
});
