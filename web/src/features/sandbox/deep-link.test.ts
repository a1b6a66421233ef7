import { describe, expect, it } from 'vitest';
import { deepLinkFromSearch, sandboxDeepLink, sandboxHref } from './deep-link';

const bots = { client: 'kabinet_sandbox_client_bot', staff: 'kabinet_sandbox_staff_bot' };

describe('deep links into the sandbox', () => {
  it('recognises t.me and tg:// links to the sandbox bots, any letter case', () => {
    expect(sandboxDeepLink('https://t.me/kabinet_sandbox_client_bot?start=abc_DEF-123', bots)).toEqual({
      bot: 'client',
      start: 'abc_DEF-123',
    });
    expect(sandboxDeepLink('https://t.me/Kabinet_Sandbox_Staff_Bot?start=x', bots)).toEqual({
      bot: 'staff',
      start: 'x',
    });
    expect(sandboxDeepLink('tg://resolve?domain=kabinet_sandbox_staff_bot&start=t1', bots)).toEqual({
      bot: 'staff',
      start: 't1',
    });
  });

  it('leaves everything else to the browser', () => {
    expect(sandboxDeepLink('https://t.me/other_bot?start=abc', bots)).toBeNull();
    expect(sandboxDeepLink('https://t.me/kabinet_sandbox_client_bot', bots)).toBeNull();
    expect(sandboxDeepLink('https://t.me/kabinet_sandbox_client_bot?start=a b', bots)).toBeNull();
    expect(
      sandboxDeepLink(`https://t.me/kabinet_sandbox_client_bot?start=${'a'.repeat(65)}`, bots),
    ).toBeNull();
    expect(sandboxDeepLink('http://t.me/kabinet_sandbox_client_bot?start=a', bots)).toBeNull();
    expect(sandboxDeepLink('https://evil.example/kabinet_sandbox_client_bot?start=a', bots)).toBeNull();
    expect(sandboxDeepLink('/requests/1', bots)).toBeNull();
    expect(sandboxDeepLink('https://t.me/kabinet_sandbox_client_bot?start=a', undefined)).toBeNull();
  });

  it('round-trips through the page address', () => {
    const href = sandboxHref({ bot: 'client', start: 'tok-1' }, 'client@demo.local');
    expect(href).toBe('/sandbox?bot=client&start=tok-1&as=client%40demo.local');
    expect(deepLinkFromSearch(new URL(href, 'http://x').searchParams)).toEqual({
      bot: 'client',
      start: 'tok-1',
      as: 'client@demo.local',
    });
    expect(deepLinkFromSearch(new URLSearchParams('bot=other&start=a'))).toBeNull();
    expect(deepLinkFromSearch(new URLSearchParams('bot=client&start=<script>'))).toBeNull();
  });
});
