import { describe, expect, it } from 'vitest';
import { safeNext, signInPath } from './next-path';

describe('safeNext', () => {
  it('keeps a path of this app, with its query', () => {
    expect(safeNext('/requests/7?tab=history')).toBe('/requests/7?tab=history');
  });
  it('goes home for nothing, another site, or sign-in itself', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'requests',
      '/sign-in?next=/',
    ])
      expect(safeNext(next)).toBe('/');
  });
});

describe('signInPath', () => {
  it('round-trips through the query string', () => {
    const path = '/requests?status=draft&page=2';
    const url = new URL(signInPath(path, true), 'http://x');
    expect(safeNext(url.searchParams.get('next'))).toBe(path);
    expect(url.searchParams.has('expired')).toBe(true);
  });
});
