import type { IncomingMessage } from 'node:http';

/** Fields that arrive JSON-encoded in form posts (grammY sends objects that way with multipart). */
const JSON_FIELDS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'commands',
  'scope',
  'allowed_updates',
  'link_preview_options',
  'reply_parameters',
]);

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** JSON, urlencoded or multipart bodies, as the Bot API accepts them; files come back as File objects. */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  let entries: [string, string | File][];
  if (type.includes('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    entries = [...form.entries()];
  } else {
    entries = [...new URLSearchParams(body.toString('utf8')).entries()];
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (typeof value === 'string' && JSON_FIELDS.has(key)) {
      try {
        params[key] = JSON.parse(value);
        continue;
      } catch {
        // Left as a string: the method will refuse it.
      }
    }
    params[key] = value;
  }
  // grammY attaches uploaded files as `attach://<id>` references: resolve them to the parts.
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.startsWith('attach://'))
      params[key] = params[value.slice('attach://'.length)];
  }
  return params;
}
