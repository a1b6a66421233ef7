/*
 * The cabinet inside Telegram (docs/0026): the launch parameters Telegram puts in the URL's hash, and the bridge
 * by which a Mini App talks to the Telegram client — without Telegram's script, so the CSP keeps `script-src
 * 'self'` and the same build runs in a plain browser, where none of this is present and nothing changes.
 */

export type TelegramBotKind = 'client' | 'staff';

export interface TelegramLaunch {
  /** The bot whose token signed `initData`: `tgBot` in the address the bot's button opened. */
  bot: TelegramBotKind;
  /** Signed launch data, exchanged once for a session (then dropped: it is a credential). */
  initData: string | null;
  theme: Record<string, string>;
  platform: string;
}

const THEME_KEY = 'kabinet.telegram';

function readLaunch(): TelegramLaunch | null {
  if (typeof window === 'undefined') return null;
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const query = new URLSearchParams(window.location.search);
  const bot: TelegramBotKind = query.get('tgBot') === 'staff' ? 'staff' : 'client';
  const initData = hash.get('tgWebAppData');
  if (initData) {
    let theme: Record<string, string> = {};
    try {
      const parsed = JSON.parse(hash.get('tgWebAppThemeParams') ?? '{}') as unknown;
      if (parsed && typeof parsed === 'object') theme = parsed as Record<string, string>;
    } catch {
      // No theme: the cabinet's own colours.
    }
    const launch = { bot, initData, theme, platform: hash.get('tgWebAppPlatform') ?? 'unknown' };
    // The launch data leaves the address bar (and the history) at once; the theme is kept for reloads.
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    try {
      window.sessionStorage.setItem(THEME_KEY, JSON.stringify({ bot, theme, platform: launch.platform }));
    } catch {
      // Storage off: a reload shows the cabinet's own colours.
    }
    return launch;
  }
  try {
    const kept = window.sessionStorage.getItem(THEME_KEY);
    if (kept) return { ...(JSON.parse(kept) as Omit<TelegramLaunch, 'initData'>), initData: null };
  } catch {
    // Not inside Telegram.
  }
  return null;
}

/** Read once, at start: null in a plain browser. */
export const telegramLaunch: TelegramLaunch | null = readLaunch();

export function insideTelegram(): boolean {
  return telegramLaunch !== null;
}

/** The one-use launch data, handed out once. */
export function takeInitData(): string | null {
  const data = telegramLaunch?.initData ?? null;
  if (telegramLaunch) telegramLaunch.initData = null;
  return data;
}

interface TelegramWindow {
  TelegramWebviewProxy?: { postEvent(eventType: string, eventData: string): void };
  Telegram?: { WebView?: { receiveEvent(eventType: string, eventData: unknown): void } };
  external?: { notify?: (message: string) => void };
}

const WEB_CLIENT_ORIGIN = 'https://web.telegram.org';

/** Calls a Mini App method: the mobile and desktop proxy, Windows Phone's notify, or the web client's frame. */
export function postEvent(eventType: string, eventData: Record<string, unknown> = {}): void {
  if (!insideTelegram()) return;
  const w = window as unknown as TelegramWindow;
  if (w.TelegramWebviewProxy) {
    w.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData));
    return;
  }
  if (typeof w.external?.notify === 'function') {
    w.external.notify(JSON.stringify({ eventType, eventData }));
    return;
  }
  if (window.parent !== window)
    window.parent.postMessage(JSON.stringify({ eventType, eventData }), WEB_CLIENT_ORIGIN);
}

type Handler = (eventData: unknown) => void;
const handlers = new Map<string, Set<Handler>>();

function receive(eventType: string, eventData: unknown): void {
  handlers.get(eventType)?.forEach((handler) => handler(eventData));
}

/** Listens to an event from the Telegram client (`back_button_pressed`, `theme_changed`); returns the unsubscribe. */
export function onEvent(eventType: string, handler: Handler): () => void {
  const set = handlers.get(eventType) ?? new Set<Handler>();
  set.add(handler);
  handlers.set(eventType, set);
  return () => set.delete(handler);
}

/** Telegram's colours as CSS variables (`--tg-theme-bg-color`, …) that theme.css applies inside Telegram. */
export function applyTheme(theme: Record<string, string>): void {
  const root = document.documentElement;
  for (const [key, value] of Object.entries(theme)) {
    if (/^#[0-9a-f]{3,8}$/i.test(value))
      root.style.setProperty(`--tg-theme-${key.replace(/_/g, '-')}`, value);
  }
  const bg = theme['bg_color'];
  root.toggleAttribute('data-telegram-dark', bg !== undefined && luminance(bg) < 0.4);
}

function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  return 0.2126 * (r ?? 1) + 0.7152 * (g ?? 1) + 0.0722 * (b ?? 1);
}

/** Starts the bridge: events in, the theme applied, and Telegram told the cabinet is ready. */
export function startTelegramBridge(): void {
  if (!telegramLaunch) return;
  const w = window as unknown as TelegramWindow;
  w.Telegram = { ...w.Telegram, WebView: { receiveEvent: receive } };
  window.addEventListener('message', (event) => {
    if (event.origin !== WEB_CLIENT_ORIGIN || typeof event.data !== 'string') return;
    try {
      const { eventType, eventData } = JSON.parse(event.data) as { eventType?: unknown; eventData?: unknown };
      if (typeof eventType === 'string') receive(eventType, eventData);
    } catch {
      // Not a Telegram event.
    }
  });
  document.documentElement.setAttribute('data-telegram', telegramLaunch.platform);
  applyTheme(telegramLaunch.theme);
  onEvent('theme_changed', (data) => {
    const theme = (data as { theme_params?: Record<string, string> } | null)?.theme_params;
    if (theme) applyTheme(theme);
  });
  postEvent('web_app_ready');
  postEvent('web_app_expand');
  postEvent('web_app_set_header_color', { color_key: 'bg_color' });
}
