import { describe, expect, it } from '@jest/globals';
import smpp from 'smpp';
import { authorizationHeader } from '../../../src/notify/channels/http-sms.js';
import { parseReceipt } from '../../../src/notify/channels/smpp-sms.js';
import { MemoryPacer } from '../../../src/notify/pacing/memory-pacer.js';
import { deliveryJobId } from '../../../src/notify/relay.js';
import { backoffDelay } from '../../../src/notify/retry-policy.js';
import { escalationStep } from '../../../src/notify/sla.js';

describe('delivery mechanics', () => {
  it('backs off exponentially from the configured first delay', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(5000, n))).toEqual([5000, 10_000, 20_000, 40_000]);
  });

  it('derives the BullMQ job id from the outbox id, without colons', () => {
    expect(deliveryJobId({ outboxId: 'o-1', channel: 'telegram', recipientKey: 'role:back_office' })).toBe(
      'o-1.telegram.role-back_office',
    );
  });

  it('escalates an overdue task one step at its due time and one more per repeat, up to the maximum', () => {
    const due = new Date('2026-11-24T10:00:00Z');
    const at = (hours: number) => new Date(due.getTime() + hours * 3_600_000);
    expect(escalationStep(due, at(-1), 4 * 3_600_000, 3)).toBe(0);
    expect(escalationStep(due, at(0), 4 * 3_600_000, 3)).toBe(1);
    expect(escalationStep(due, at(3.9), 4 * 3_600_000, 3)).toBe(1);
    expect(escalationStep(due, at(4), 4 * 3_600_000, 3)).toBe(2);
    expect(escalationStep(due, at(400), 4 * 3_600_000, 3)).toBe(3);
  });

  it('paces a chat and the bot: a busy chat reserves nothing, a free one takes the next bot slot', async () => {
    let now = 1000;
    const pacer = new MemoryPacer(() => now);
    const request = (chatKey: string) => ({
      globalKey: 'bot',
      globalIntervalMs: 40,
      chatKey,
      chatIntervalMs: 1000,
    });
    expect(await pacer.tryReserve(request('a'))).toEqual({ reserved: true, waitMs: 0 });
    expect(await pacer.tryReserve(request('b'))).toEqual({ reserved: true, waitMs: 40 });
    expect(await pacer.tryReserve(request('a'))).toEqual({ reserved: false, waitMs: 1000 });
    // The busy chat did not push the bot's slot: chat c gets the slot right after b's.
    expect(await pacer.tryReserve(request('c'))).toEqual({ reserved: true, waitMs: 80 });
    // Turns: a's chat frees at 1000; three waiting messages get turns one interval apart, not all at 1000.
    const turn = (chatKey: string) => ({ chatKey, chatIntervalMs: 1000 });
    expect(await pacer.takeTurn(turn('a'))).toMatchObject({ waitMs: 1000 });
    expect(await pacer.takeTurn(turn('a'))).toMatchObject({ waitMs: 2000 });
    const third = await pacer.takeTurn(turn('a'));
    expect(third.waitMs).toBe(3000);
    // The last turn, unused, is handed out again; an earlier one is not.
    await pacer.releaseTurn(turn('a'), third.token);
    expect(await pacer.takeTurn(turn('a'))).toMatchObject({ waitMs: 3000 });
    now = 2100;
    expect(await pacer.takeTurn(turn('e'))).toMatchObject({ waitMs: 0 });
    // A held chat (429) hands out turns after the hold.
    await pacer.holdChat('d', 3000);
    expect(await pacer.takeTurn(turn('d'))).toMatchObject({ waitMs: 3000 });
  });

  it("hands out a group's turns within its window", async () => {
    let now = 0;
    const pacer = new MemoryPacer(() => now);
    const card = { chatKey: 'group', chatIntervalMs: 1000, chatWindow: { max: 3, windowMs: 60_000 } };
    const waits = [];
    for (let i = 0; i < 5; i += 1) waits.push((await pacer.takeTurn(card)).waitMs);
    expect(waits).toEqual([0, 1000, 2000, 60_000, 61_000]);
    now = 500;
    expect(await pacer.takeTurn(card)).toMatchObject({ waitMs: 61_500 });
  });

  it('lets a group take a burst, a second apart, up to its window, then waits for the oldest to age out', async () => {
    let now = 0;
    const pacer = new MemoryPacer(() => now);
    const card = {
      globalKey: 'staff',
      globalIntervalMs: 40,
      chatKey: 'group',
      chatIntervalMs: 1000,
      chatWindow: { max: 3, windowMs: 60_000 },
    };
    expect(await pacer.tryReserve(card)).toEqual({ reserved: true, waitMs: 0 });
    expect(await pacer.tryReserve(card)).toEqual({ reserved: false, waitMs: 1000 });
    now = 1000;
    expect(await pacer.tryReserve(card)).toEqual({ reserved: true, waitMs: 0 });
    now = 2000;
    expect(await pacer.tryReserve(card)).toEqual({ reserved: true, waitMs: 0 });
    // Three in the window: the next may go when the first (at 0) is a window old.
    now = 3000;
    expect(await pacer.tryReserve(card)).toEqual({ reserved: false, waitMs: 57_000 });
    now = 60_000;
    expect(await pacer.tryReserve(card)).toEqual({ reserved: true, waitMs: 0 });
    now = 61_000;
    expect(await pacer.tryReserve(card)).toEqual({ reserved: true, waitMs: 0 });
  });

  it('reads SMPP receipts from the TLVs or from the classic receipt text', () => {
    const pdu = (fields: Record<string, unknown>) => fields as unknown as smpp.Pdu;
    expect(
      parseReceipt(pdu({ receipted_message_id: 'M1', message_state: smpp.MESSAGE_STATE.DELIVERED })),
    ).toEqual({
      providerMessageId: 'M1',
      status: 'DELIVRD',
      delivered: true,
    });
    expect(
      parseReceipt(
        pdu({
          short_message: { message: 'id:M2 sub:001 dlvrd:000 submit date:2611241200 stat:UNDELIV err:001' },
        }),
      ),
    ).toEqual({ providerMessageId: 'M2', status: 'UNDELIV', delivered: false });
    expect(parseReceipt(pdu({ short_message: { message: 'hello' } }))).toBeUndefined();
  });

  it('sends user:pass as Basic auth and a schemed value as it is', () => {
    expect(authorizationHeader('Bearer abc')).toBe('Bearer abc');
    expect(authorizationHeader('user:pass')).toBe(`Basic ${Buffer.from('user:pass').toString('base64')}`);
  });
});
