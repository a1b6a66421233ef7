import type { admin as ruAdmin } from '../../ru/web/admin.js';

/** The administrator's pages: staff accounts and the journal check (issue 10 item 4). */
export const admin: typeof ruAdmin = {
  staff: {
    title: 'Staff',
    intro: 'Staff accounts: roles, locking, the authenticator, a new password. Every action is journaled.',
    columns: {
      name: 'Staff member',
      roles: 'Roles',
      state: 'State',
      authenticator: 'Authenticator',
      actions: 'Actions',
    },
    active: 'Active',
    locked: 'Locked',
    totpOn: 'on',
    totpOff: 'none',
    lock: 'Lock',
    unlock: 'Unlock',
    resetTotp: 'Reset the authenticator',
    newPassword: 'Issue a new password',
    passwordIssued: (name: string, password: string) =>
      `New password for ${name}: ${password}. Hand it over in person; it works for 72 hours and one sign-in.`,
    changed: 'Saved.',
    failed: 'That did not work. Reload the page and try again.',
    loadFailed: 'Could not load the staff',
    self: 'you',
  },
  create: {
    title: 'New staff member',
    open: 'Add a staff member',
    fullName: 'Full name',
    email: 'Email',
    phone: 'Phone',
    phoneHint: 'As +79991234567',
    roles: 'Roles',
    submit: 'Create',
    cancel: 'Cancel',
    created: (name: string) => `Account created: ${name}.`,
    password: 'Initial password (shown once; changed at the first sign-in)',
    invite: 'Invitation to the staff bot',
    openInvite: 'Open the invitation',
    inviteQr: 'QR code of the invitation to the staff bot',
    inviteExpires: (time: string) => `The link works once, until ${time}.`,
    failed: 'Check the fields: the email and phone must be new, and at least one role is needed.',
    done: 'Done',
  },
  roleChats: {
    title: 'Role chats',
    intro: 'A Telegram group per role receives its task cards. Bind one with /bind <role> in the group.',
    none: 'none bound: the role’s cards go nowhere',
    bound: (title: string, at: string, by: string | null) =>
      `“${title}”, bound ${at}${by ? ` by ${by}` : ''}`,
    loadFailed: 'Could not load the role chats',
  },
  journal: {
    title: 'Journal',
    intro: 'Checks the journal’s hash chain: each entry vouches for the one before.',
    verify: 'Check the journal',
    ok: (entries: number) => `The journal is intact: ${entries} entries checked.`,
    broken: (id: string, reason: string) => `The chain breaks at entry ${id}: ${reason}.`,
    reasons: {
      hash_mismatch: 'its content does not match its hash',
      chain_broken: 'its link to the previous entry is wrong',
    },
    failed: 'Could not check the journal.',
  },
};
