import type { DraftKey } from './api';

/**
 * Where the browser keeps the draft being filled (so a reload continues it) and how the "continue later" link
 * carries it: `/open-account/<id>#<token>` — the secret in the fragment, which browsers never send to a server.
 */
const STORAGE_KEY = 'kabinet.onboarding.draft';

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export function isDraftKey(value: unknown): value is DraftKey {
  if (typeof value !== 'object' || value === null) return false;
  const { id, token } = value as Record<string, unknown>;
  return typeof id === 'string' && UUID.test(id) && typeof token === 'string' && TOKEN.test(token);
}

export function storedDraft(storage: StorageLike): DraftKey | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    return isDraftKey(parsed) ? { id: parsed.id, token: parsed.token } : null;
  } catch {
    return null;
  }
}

export function storeDraft(storage: StorageLike, key: DraftKey | null): void {
  try {
    if (key) storage.setItem(STORAGE_KEY, JSON.stringify(key));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing without storage: the draft lives as long as the page (and its link).
  }
}

/** The key a resume link carries: the id from the path, the token from the fragment. */
export function draftFromLink(id: string | undefined, hash: string): DraftKey | null {
  const candidate = { id: id ?? '', token: hash.replace(/^#/, '') };
  return isDraftKey(candidate) ? candidate : null;
}

/** The link that opens this draft anywhere. */
export function resumeLink(origin: string, key: DraftKey): string {
  return `${origin}/open-account/${key.id}#${key.token}`;
}
