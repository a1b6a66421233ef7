import type { ru } from './ru/index.js';

/** The shape of the catalog: whatever the Russian source holds, every other language must hold too. */
export type Catalog = typeof ru;
