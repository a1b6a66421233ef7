import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root (the folder of package.json), the same whether the sources run (`src/…` under tsx) or the
 * compiled JavaScript does (`dist/src/…`): files outside the code — the built web cabinet — are found from here.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the code');
    dir = parent;
  }
}
