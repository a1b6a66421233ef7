import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config.js';

describe('TRUST_PROXY_HOPS', () => {
  it('defaults to one hop and reads a configured count', () => {
    expect(loadConfig({}).http).toMatchObject({ trustProxy: false, proxyHops: 1 });
    expect(loadConfig({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }).http).toMatchObject({
      trustProxy: true,
      proxyHops: 2,
    });
  });

  it('refuses a count below one', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '0' })).toThrow(/TRUST_PROXY_HOPS/);
  });
});
