/**
 * The back-office system behind one interface (docs/0023): exports go out under stable names, answers come back.
 * The first adapter is the FANSY exchange folder (`fansy/exchange-folder.ts`); a web-service adapter would
 * implement the same two calls.
 */
export interface BackOfficeGateway {
  readonly name: string;
  /**
   * Hands over one export. Atomic (the back office never sees half a file) and idempotent: the same name again
   * replaces the file with the same bytes, never makes a second one.
   */
  deliver(fileName: string, content: string): Promise<void>;
  /** The answers waiting to be read, oldest first; each is filed away once handled. */
  inbox(): Promise<InboxItem[]>;
}

export interface InboxItem {
  /** The file's name as the back office wrote it (for the journal and the admin view). */
  readonly name: string;
  /** Its text, or null when it is too large to be an answer. */
  readonly text: string | null;
  /** Handled (applied, or a duplicate that changed nothing): filed as processed. */
  done(): Promise<void>;
  /** Not an answer we can use: filed as rejected, with the reason beside it for a person to read. */
  reject(reason: string): Promise<void>;
}
