import type { TgEntity } from './types.js';

const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export class EntityParseError extends Error {}

/**
 * Telegram's `parse_mode: HTML`, strictly: only the supported tags, properly nested, and every `<`, `>`, `&`
 * outside a tag written as an entity. Returns the plain text and its entities, as the Bot API would; throws
 * EntityParseError where Telegram answers 400 "can't parse entities".
 */
export function parseTelegramHtml(html: string): { text: string; entities: TgEntity[] } {
  let text = '';
  const entities: TgEntity[] = [];
  const stack: { name: string; type: string; offset: number; url?: string }[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw new EntityParseError(`Can't parse entities: unclosed start tag at byte offset ${i}`);
      const raw = html.slice(i + 1, end).trim();
      i = end + 1;
      if (raw.startsWith('/')) {
        const name = raw.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open || open.name !== name)
          throw new EntityParseError(`Can't parse entities: unmatched end tag "${name}"`);
        if (text.length > open.offset)
          entities.push({
            type: open.type,
            offset: open.offset,
            length: text.length - open.offset,
            ...(open.url ? { url: open.url } : {}),
          });
        continue;
      }
      const match = /^([a-z-]+)(\s+.*)?$/i.exec(raw);
      const name = match?.[1]?.toLowerCase() ?? '';
      const type = TAGS[name];
      if (!type) throw new EntityParseError(`Can't parse entities: unsupported start tag "${name}"`);
      const attrs = match?.[2] ?? '';
      const href = /href\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
      if (name === 'a' && !href) throw new EntityParseError("Can't parse entities: a tag without href");
      stack.push({ name, type, offset: text.length, ...(href ? { url: decodeEntities(href) } : {}) });
      continue;
    }
    if (ch === '>') throw new EntityParseError(`Can't parse entities: unexpected ">" at byte offset ${i}`);
    if (ch === '&') {
      const end = html.indexOf(';', i);
      const name = end > i ? html.slice(i + 1, end) : '';
      const decoded = decodeEntity(name);
      if (decoded === undefined)
        throw new EntityParseError(`Can't parse entities: unsupported HTML entity at byte offset ${i}`);
      text += decoded;
      i = end + 1;
      continue;
    }
    text += ch;
    i += 1;
  }
  const open = stack.pop();
  if (open)
    throw new EntityParseError(
      `Can't parse entities: can't find end tag corresponding to start tag "${open.name}"`,
    );
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function decodeEntity(name: string): string | undefined {
  if (name in NAMED) return NAMED[name];
  const numeric = /^#(x[0-9a-f]+|\d+)$/i.exec(name)?.[1];
  if (!numeric) return undefined;
  const code =
    numeric.startsWith('x') || numeric.startsWith('X') ? parseInt(numeric.slice(1), 16) : Number(numeric);
  return Number.isFinite(code) ? String.fromCodePoint(code) : undefined;
}

function decodeEntities(value: string): string {
  return value.replace(/&([^;]+);/g, (whole, name: string) => decodeEntity(name) ?? whole);
}

/** Entities Telegram derives from plain text: a leading bot command (`/start payload`, `/bind@kabinet_bot`). */
export function commandEntities(text: string): TgEntity[] {
  const match = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,64})?/.exec(text);
  return match ? [{ type: 'bot_command', offset: 0, length: match[0].length }] : [];
}
