/**
 * CI's import-cycle check (docs/0016-module-boundaries.md). Fails on any cycle between files, and on any cycle
 * between the modules under src/ (identity, workflow, notify, …), type-only imports included. The one allowed
 * kind: MikroORM entity schemas referring to each other through `() => Schema` thunks (both ends `*.entity.ts`).
 */
import { parseCircular, parseDependencyTree } from 'dpdm';

const ENTRIES = ['src/main.ts', 'src/cli.ts', 'src/**/*.ts'];
// Entity schemas and the registry that lists them for MikroORM (src/db/entities.ts) may point anywhere.
const isEntity = (file: string): boolean => file.endsWith('.entity.ts') || file === 'src/db/entities.ts';
/**
 * The module a file belongs to: a folder under src/, except that the pure core (src/workflow/domain) is a module
 * of its own, and every entity schema belongs with the ORM setup to the persistence layer (src/db) that all
 * modules share.
 */
const moduleOf = (file: string): string => {
  if (isEntity(file)) return 'src/db';
  if (file.startsWith('src/workflow/domain/')) return 'src/workflow/domain';
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
};

const tree = await parseDependencyTree(ENTRIES, {
  transform: false,
  tsconfig: 'tsconfig.json',
  skipDynamicImports: false,
});
const problems: string[] = [];

for (const cycle of parseCircular(tree)) {
  if (cycle.every(isEntity)) continue;
  problems.push(`file cycle: ${[...cycle, cycle[0]].join(' -> ')}`);
}

// Module graph: an edge module A -> module B for each import between their files (entity thunks excepted).
const edges = new Map<string, Map<string, string>>();
for (const [file, deps] of Object.entries(tree)) {
  if (!file.startsWith('src/')) continue;
  for (const dep of deps ?? []) {
    const target = dep.id;
    if (!target?.startsWith('src/')) continue;
    const [from, to] = [moduleOf(file), moduleOf(target)];
    if (from === to || isEntity(file)) continue;
    const out = edges.get(from) ?? new Map<string, string>();
    if (!out.has(to)) out.set(to, `${file} -> ${target}`);
    edges.set(from, out);
  }
}
const reach = (start: string, goal: string, seen = new Set<string>()): string[] | null => {
  for (const [next, via] of edges.get(start) ?? []) {
    if (next === goal) return [via];
    if (seen.has(next)) continue;
    seen.add(next);
    const rest = reach(next, goal, seen);
    if (rest) return [via, ...rest];
  }
  return null;
};
const reported = new Set<string>();
for (const [from, out] of edges) {
  for (const [to, via] of out) {
    const back = reach(to, from);
    const key = [from, to].sort().join(' <-> ');
    if (back && !reported.has(key)) {
      reported.add(key);
      problems.push(`module cycle ${key}:\n    ${[via, ...back].join('\n    ')}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`import cycles (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`no import cycles among ${Object.keys(tree).filter((f) => f.startsWith('src/')).length} files`);
