/** Where to go after signing in: only a path of this app, so `?next=` never sends anyone to another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/sign-in') ? '/' : next;
}

/** The sign-in address that comes back to `path` (with `expired` when a session ended on the way). */
export function signInPath(path: string, expired = false): string {
  return `/sign-in?next=${encodeURIComponent(path)}${expired ? '&expired' : ''}`;
}
