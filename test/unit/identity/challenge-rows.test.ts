import { describe, expect, it } from '@jest/globals';
import { challengeRow, destinationRow, maskAddress, ticketOf } from '../../../src/identity/challenge-rows.js';
import { CODE_TTL_SECONDS, MAX_ATTEMPTS } from '../../../src/identity/confirmation-terms.js';

const now = new Date('2026-03-02T10:00:00Z');

const common = {
  id: '00000000-0000-4000-8000-000000000001',
  purpose: 'login' as const,
  target: 'login-target',
  binding: null,
  data: {},
  attempts: 0,
  ip: '203.0.113.7',
  now,
};

describe('challenge rows', () => {
  it('builds a fresh challenge: one send, five minutes, five attempts, nothing consumed or invalidated', () => {
    const row = challengeRow({
      ...common,
      userId: 'u1',
      destinations: [
        destinationRow({ key: 'phone', channel: 'sms', address: '+79990000001', masked: 'm' }, 'h'),
      ],
      decoy: false,
    });
    expect(row).toMatchObject({
      maxAttempts: MAX_ATTEMPTS,
      sendCount: 1,
      createdAt: now,
      lastSentAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      consumedAt: null,
      invalidatedAt: null,
      ip: '203.0.113.7',
    });
    expect(row.destinations).toEqual([
      {
        key: 'phone',
        channel: 'sms',
        address: '+79990000001',
        masked: 'm',
        codeHash: 'h',
        providerMessageId: null,
      },
    ]);
  });

  it('makes a decoy differ from a real challenge only in its user, address, code hash and decoy flag', () => {
    const real = challengeRow({
      ...common,
      userId: 'u1',
      destinations: [
        destinationRow({ key: 'phone', channel: 'sms', address: '+79990000001', masked: 'm' }, 'h'),
      ],
      decoy: false,
    });
    const decoy = challengeRow({
      ...common,
      userId: null,
      destinations: [destinationRow({ key: 'phone', channel: 'sms', address: null, masked: 'm' })],
      decoy: true,
    });
    const differing = Object.keys(real).filter(
      (key) =>
        JSON.stringify(real[key as keyof typeof real]) !== JSON.stringify(decoy[key as keyof typeof decoy]),
    );
    expect(differing.sort()).toEqual(['decoy', 'destinations', 'userId']);
    expect(ticketOf(decoy, decoy.destinations)).toEqual(ticketOf(real, real.destinations));
  });

  it('keeps a dead challenge’s expiry when one is given', () => {
    const expiresAt = new Date(now.getTime() + 42_000);
    expect(
      challengeRow({ ...common, userId: null, destinations: [], decoy: true, expiresAt }).expiresAt,
    ).toBe(expiresAt);
  });

  it('masks an address by its channel, and a missing one entirely', () => {
    expect(maskAddress('sms', '+79990000001')).toBe('+7 *** ***-**-01');
    expect(maskAddress('email', 'client@demo.local')).toBe('c***t@demo.local');
    expect(maskAddress('email', null)).toBe('***');
  });
});
