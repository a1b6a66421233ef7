import { describe, expect, it } from '@jest/globals';
import { createTestContainer } from '../support/app.js';
import { RecordingEmail, RecordingSms, TestClock } from '../support/doubles.js';
import { SAMPLE_PAYLOADS } from '../support/sample-payloads.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('createContainer', () => {
  it('wires the providers the config names when given no overrides', async () => {
    const t = await createTestContainer();
    try {
      expect(t.container.sms.name).toBe('file');
      expect(t.container.notifications.sms).toBe(t.container.sms);
      expect(t.container.notifications.email).toBe(t.container.email);
    } finally {
      await t.close();
    }
  });

  it('uses the SMS and e-mail providers and the clock it is given', async () => {
    const sms = new RecordingSms();
    const email = new RecordingEmail();
    const clock = new TestClock();
    clock.advance(3 * DAY_MS);
    const t = await createTestContainer({ overrides: { sms, email, now: clock.now } });
    try {
      expect(t.container.sms).toBe(sms);
      expect(t.container.email).toBe(email);
      expect(t.container.notifications.sms).toBe(sms);
      expect(t.container.notifications.email).toBe(email);
      const before = clock.now().getTime();
      const draft = await t.container.workflow.createDraft(t.actor('client@demo.local'), {
        type: 'broker_report',
        payload: SAMPLE_PAYLOADS.broker_report,
      });
      const created = new Date(draft.createdAt).getTime();
      expect(created).toBeGreaterThanOrEqual(before);
      expect(created).toBeLessThanOrEqual(clock.now().getTime());
      expect(created - Date.now()).toBeGreaterThan(2 * DAY_MS);
    } finally {
      await t.close();
    }
  });
});
