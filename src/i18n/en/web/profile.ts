import type { profile as ruProfile } from '../../ru/web/profile.js';

/** Profile: contacts, password, Telegram, language. */
export const profile: typeof ruProfile = {
  title: 'Profile',
};
