import { bot } from './bot.js';
import { cabinet } from './cabinet.js';
import { notify } from './notify.js';
import { onboarding } from './onboarding.js';

/** Every text a person reads, in Russian: the source of the catalog (DESIGN §10, docs/0017). */
export const ru = {
  ...cabinet,
  ...bot,
  notify,
  onboarding,
};
