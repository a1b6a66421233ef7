import type { shell as ruShell } from '../../ru/web/shell.js';

/** The signed-in frame: navigation and the header's actions. */
export const shell: typeof ruShell = {
  nav: {
    label: 'Cabinet sections',
    requests: 'My requests',
    tasks: 'My tasks',
    allRequests: 'Requests',
    newRequest: 'New request',
    notifications: 'Notifications',
    profile: 'Profile',
    exchange: 'Back-office exchange',
    staff: 'Staff',
    clients: 'Clients',
    applications: 'Applications',
  },
  openMenu: 'Open menu',
  closeMenu: 'Close menu',
  unread: (count: number) => `Unread notifications: ${count}`,
  signOut: 'Sign out',
  comingSoon: 'This section is coming soon.',
};
