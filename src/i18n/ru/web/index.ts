import { admin } from './admin.js';
import { webCommon } from './common.js';
import { exchange } from './exchange.js';
import { newRequest } from './new-request.js';
import { notifications } from './notifications.js';
import { onboarding } from './onboarding.js';
import { desk } from './desk.js';
import { activate } from './activate.js';
import { profile } from './profile.js';
import { requests } from './requests.js';
import { shell } from './shell.js';
import { signing } from './signing.js';
import { staffWork } from './staff-work.js';
import { tasks } from './tasks.js';
import { telegram } from './telegram.js';
import { sandbox } from './sandbox.js';
import { verify } from './verify.js';

/** The web cabinet's texts: the shared frame, then one file per feature (docs/0017, docs/0018). */
export const web = {
  ...webCommon,
  shell,
  requests,
  newRequest,
  signing,
  notifications,
  profile,
  verify,
  exchange,
  tasks,
  staffWork,
  admin,
  telegram,
  sandbox,
  onboarding,
  desk,
  activate,
};
