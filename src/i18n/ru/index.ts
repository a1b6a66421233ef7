import { bot } from './bot.js';
import { documents } from './documents.js';
import { codes } from './codes.js';
import { errors, roles, status, taskStatus } from './common.js';
import { notify } from './notify.js';
import { onboarding } from './onboarding.js';
import { validation } from './validation.js';
import { web } from './web/index.js';

/** Every text a person reads, in Russian: the source of the catalog (DESIGN §10, docs/0017). */
export const ru = {
  errors,
  status,
  taskStatus,
  roles,
  ...bot,
  notify,
  codes,
  validation,
  web,
  documents,
  onboarding,
};
