import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/**
 * A fresh embedded database starts as a copy of a cluster prepared once per machine (docs/0029, P7): initdb is
 * ~2.3 s of PGlite's WebAssembly, a copy of its 40 MB ~50 ms. The template is PostgreSQL's initdb and this
 * project's migrations, kept under `node_modules/.cache/kabinet-pglite/<key>`; the key covers PGlite's version, its
 * start parameters and every migration file's name and content, so an edited migration, a new one or another
 * PGlite make a new template — a copy never holds a schema the code does not expect. A template is built whole in
 * a folder of its own and renamed into place (processes starting at once each build or find a complete one), and
 * only the newest few are kept.
 */
export interface TemplateSource {
  /** Builds a fresh cluster (initdb and the migrations) in `dir`; resolves to the migrations it applied. */
  prepare(dir: string): Promise<string[]>;
  migrationsPath: string;
  startParams: readonly string[];
  /** Where templates are kept (`off`: nowhere); unset: `node_modules/.cache/kabinet-pglite` beside PGlite's package. */
  root?: string | undefined;
}

const KEEP = 3;
const CLUSTER = 'cluster';
const APPLIED = 'applied.json';

/**
 * Fills the empty `dataDir` from the template (built first when missing) and resolves to the migrations the
 * template holds; `null` when no template can be kept here (turned off, no writable cache), and the caller
 * prepares `dataDir` itself.
 */
export async function fromTemplate(dataDir: string, source: TemplateSource): Promise<string[] | null> {
  const template = await ensureTemplate(source);
  if (!template) return null;
  cpSync(template.cluster, dataDir, { recursive: true });
  return template.applied;
}

/** The template for this code (built when missing: `npm run build` does it), or null when none can be kept. */
export async function ensureTemplate(
  source: TemplateSource,
): Promise<{ cluster: string; applied: string[] } | null> {
  const root = cacheRoot(source.root);
  if (!root) return null;
  const home = join(root, templateKey(source));
  const applied = readApplied(home) ?? (await build(root, home, source));
  return applied ? { cluster: join(home, CLUSTER), applied } : null;
}

/** PGlite's package folder (its package.json is not among its exports). */
function pglitePackage(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const at = entry.lastIndexOf(`${sep}node_modules${sep}`);
  if (at < 0) throw new Error('PGlite is not under node_modules');
  return join(entry.slice(0, at), 'node_modules', '@electric-sql', 'pglite');
}

/**
 * The given folder, or the cache beside PGlite's package (`node_modules/.cache/kabinet-pglite`), if it can be
 * written; none when turned `off`.
 */
function cacheRoot(given: string | undefined): string | null {
  if (given === 'off') return null;
  try {
    const root = given ?? join(dirname(dirname(pglitePackage())), '.cache', 'kabinet-pglite');
    mkdirSync(root, { recursive: true });
    return root;
  } catch {
    return null;
  }
}

export function templateKey(source: TemplateSource): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(readFileSync(join(pglitePackage(), 'package.json'), 'utf8')) as {
    version: string;
  };
  hash.update(`pglite ${pglite.version}\n${source.startParams.join(' ')}\n`);
  for (const name of readdirSync(source.migrationsPath).sort()) {
    if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
    hash.update(`${name}\n`).update(readFileSync(join(source.migrationsPath, name)));
  }
  return hash.digest('hex').slice(0, 24);
}

function readApplied(home: string): string[] | null {
  try {
    return JSON.parse(readFileSync(join(home, APPLIED), 'utf8')) as string[];
  } catch {
    return null;
  }
}

async function build(root: string, home: string, source: TemplateSource): Promise<string[] | null> {
  const work = `${home}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(work, { recursive: true });
    const applied = await source.prepare(join(work, CLUSTER));
    writeFileSync(join(work, APPLIED), JSON.stringify(applied));
    try {
      renameSync(work, home);
    } catch {
      // Another process put a complete template there first: use it.
      rmSync(work, { recursive: true, force: true });
    }
    prune(root);
    return readApplied(home);
  } catch {
    rmSync(work, { recursive: true, force: true });
    return null;
  }
}

/** Keeps the newest templates (sources and compiled code each have theirs) and drops the rest. */
function prune(root: string): void {
  const templates = readdirSync(root)
    .filter((name) => !name.includes('.building-'))
    .map((name) => ({ path: join(root, name), at: statSync(join(root, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of templates.slice(KEEP)) rmSync(old.path, { recursive: true, force: true });
  // Builds left behind by a process that died, after an hour.
  for (const name of readdirSync(root).filter((n) => n.includes('.building-'))) {
    const path = join(root, name);
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

/** Whether `dir` holds a cluster already (PostgreSQL's version file). */
export function holdsCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}
