import type { Catalog } from '../catalog-type.js';
import { bot } from './bot.js';
import { cabinet } from './cabinet.js';
import { notify } from './notify.js';
import { onboarding } from './onboarding.js';

/** Every text a person reads, in English; typed against the Russian source, so nothing can be missing. */
export const en: Catalog = {
  ...cabinet,
  ...bot,
  notify,
  onboarding,
};
