import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackOfficeGateway, InboxItem } from '../gateway.js';
import { MAX_ACKNOWLEDGEMENT_BYTES } from './acknowledgement.js';

export interface ExchangeFolderOptions {
  /** EXCHANGE_DIR: `out/` is ours, `in/` the back office's (with `processed/` and `rejected/` kept by us). */
  dir: string;
  /** A file in `in/` is read once unchanged for this long: one still being written waits. */
  settleSeconds: number;
  now: () => Date;
}

/** Names the back office writes while a file is incomplete, and our own temporary files: never read. */
const isInProgress = (name: string): boolean => name.startsWith('.') || /\.(tmp|part|partial)$/i.test(name);

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to `dir/name` atomically and durably: a dot-file beside it, fsync, rename, fsync the folder. */
async function writeAtomically(dir: string, name: string, content: string): Promise<void> {
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o640);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(dir, name));
  await syncDirectory(dir);
}

/**
 * The FANSY exchange folder. Exports: `out/<kind>_<eventId>_<attempt>.xml`, written atomically (the back office
 * ignores dot-files). Answers: `in/*.xml`, read once settled, then moved to `in/processed/` or `in/rejected/` (with
 * `<name>.reason.txt`). A name that already exists there is replaced: the same answer twice is one file.
 */
export class ExchangeFolder implements BackOfficeGateway {
  readonly name = 'fansy_folder';
  readonly outDir: string;
  readonly inDir: string;
  readonly processedDir: string;
  readonly rejectedDir: string;

  constructor(private readonly options: ExchangeFolderOptions) {
    this.outDir = join(options.dir, 'out');
    this.inDir = join(options.dir, 'in');
    this.processedDir = join(this.inDir, 'processed');
    this.rejectedDir = join(this.inDir, 'rejected');
  }

  private prepared: Promise<void> | null = null;

  /** Creates the four folders, once per process (a failure is tried again on the next call). */
  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      for (const dir of [this.outDir, this.inDir, this.processedDir, this.rejectedDir])
        await mkdir(dir, { recursive: true });
    })().catch((error: unknown) => {
      this.prepared = null;
      throw error;
    });
    return this.prepared;
  }

  async deliver(fileName: string, content: string): Promise<void> {
    await this.prepare();
    await writeAtomically(this.outDir, fileName, content);
  }

  async inbox(): Promise<InboxItem[]> {
    await this.prepare();
    const settledBefore = this.options.now().getTime() - this.options.settleSeconds * 1000;
    const entries = await readdir(this.inDir, { withFileTypes: true });
    const files: { name: string; mtimeMs: number; size: number }[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || isInProgress(entry.name)) continue;
      const info = await stat(join(this.inDir, entry.name)).catch(() => null);
      if (!info || info.mtimeMs > settledBefore) continue;
      files.push({ name: entry.name, mtimeMs: info.mtimeMs, size: info.size });
    }
    files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
    const items: InboxItem[] = [];
    for (const file of files) {
      const path = join(this.inDir, file.name);
      const text =
        file.size > MAX_ACKNOWLEDGEMENT_BYTES ? null : await readFile(path, 'utf8').catch(() => null);
      items.push({
        name: file.name,
        text,
        done: async () => {
          await rename(path, join(this.processedDir, file.name));
        },
        reject: async (reason: string) => {
          await writeFile(join(this.rejectedDir, `${file.name}.reason.txt`), `${reason}\n`, 'utf8');
          await rename(path, join(this.rejectedDir, file.name));
        },
      });
    }
    return items;
  }
}
