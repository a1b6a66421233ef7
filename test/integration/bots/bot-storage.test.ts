import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CallbackRegistry } from '../../../src/bot/shared/callback-data.js';
import { ChatStateStore } from '../../../src/bot/shared/chat-state.js';
import { UpdateDeduplicator } from '../../../src/bot/shared/update-dedupe.js';
import { ChecklistDrafts } from '../../../src/bot/staff/checklist-drafts.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/** What the bots keep in PostgreSQL: button tokens, update ids, dialogue states, checklist ticks. */
describe('bot storage on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('a button token is opaque, stable for the same action and ids, and means nothing to the other bot', async () => {
    const staff = new CallbackRegistry(db.orm, 'staff', new Set());
    const again = new CallbackRegistry(db.orm, 'staff', new Set()); // another process: no shared cache
    const client = new CallbackRegistry(db.orm, 'client', new Set(['menu']));
    const data = await staff.token('task.done', { id: 'a6a1f0a2-0000-4000-8000-000000000001' });
    expect(data).toMatch(/^t:[A-Za-z0-9_-]{12}$/);
    expect(data).not.toContain('a6a1f0a2');
    expect(await again.token('task.done', { id: 'a6a1f0a2-0000-4000-8000-000000000001' })).toBe(data);
    expect(await staff.token('task.take', { id: 'a6a1f0a2-0000-4000-8000-000000000001' })).not.toBe(data);
    expect(await again.resolve(data)).toEqual({
      action: 'task.done',
      args: { id: 'a6a1f0a2-0000-4000-8000-000000000001' },
    });
    expect(await client.resolve(data)).toBeUndefined();
    for (const forged of ['t:AAAAAAAAAAAA', 't:', 'x', 'a:menu.requests', "t:' or 1=1 --"]) {
      expect(await staff.resolve(forged)).toBeUndefined();
    }
    expect(await client.resolve('a:menu')).toEqual({ action: 'menu', args: {} });
    expect(() => client.fixed('task.done')).toThrow();
  });

  test('many tokens at once take one round trip and keep their order', async () => {
    const registry = new CallbackRegistry(db.orm, 'client', new Set());
    const actions = Array.from({ length: 30 }, (_, i) => ({
      action: 'request.open',
      args: { id: `r-${i}` },
    }));
    const tokens = await registry.tokens(actions);
    expect(new Set(tokens).size).toBe(30);
    const resolved = await Promise.all(
      tokens.map((t) => new CallbackRegistry(db.orm, 'client', new Set()).resolve(t)),
    );
    expect(resolved.map((r) => r?.args['id'])).toEqual(actions.map((a) => a.args.id));
  });

  test('an update id is new once per bot', async () => {
    const dedupe = new UpdateDeduplicator(db.orm);
    expect(await dedupe.firstSeen('client', 42)).toBe(true);
    expect(await dedupe.firstSeen('client', 42)).toBe(false);
    expect(await dedupe.firstSeen('staff', 42)).toBe(true);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => new UpdateDeduplicator(db.orm).firstSeen('client', 43)),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  test('ticks from many people at once are all kept; a new round starts clean', async () => {
    const drafts = new ChecklistDrafts(db.orm);
    const subject = { kind: 'task' as const, id: 'b6a1f0a2-0000-4000-8000-000000000002' };
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => drafts.toggle(subject, 0, `item${i}`, `user${i}`)),
    );
    const marks = await drafts.marks(subject, 0);
    expect(Object.keys(marks).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `item${i}`).sort());
    expect(marks['item3']?.by).toBe('user3');
    const untick = await drafts.toggle(subject, 0, 'item3', 'user9');
    expect(untick['item3']).toBeUndefined();
    expect(await drafts.marks(subject, 1)).toEqual({});
    const fresh = await drafts.toggle(subject, 1, 'item0', 'user5');
    expect(Object.keys(fresh)).toEqual(['item0']);
  });

  test('a dialogue state is kept per bot, chat and person, and forgotten after a week', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const store = new ChatStateStore(db.orm, () => now);
    await store.set({ bot: 'staff', chatId: -100, userId: 1 }, { kind: 'reason' });
    expect(await store.get({ bot: 'staff', chatId: -100, userId: 2 })).toBeUndefined();
    expect(await store.get({ bot: 'client', chatId: -100, userId: 1 })).toBeUndefined();
    expect(await store.get({ bot: 'staff', chatId: -100, userId: 1 })).toEqual({ kind: 'reason' });
    now = new Date('2026-12-02T10:00:00Z');
    expect(await store.get({ bot: 'staff', chatId: -100, userId: 1 })).toBeUndefined();
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
  });
});
