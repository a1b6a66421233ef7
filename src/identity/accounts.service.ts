import type { Orm } from '../db/orm.js';
import type { Page } from '../workflow/page.js';
import { AccountSecurityService } from './account-security.service.js';
import type {
  ClientCreateInput,
  ClientUpdateInput,
  StaffCreateInput,
  StaffUpdateInput,
} from './accounts.schemas.js';
import {
  ClientAccountsService,
  type ClientListItem,
  type ClientUserView,
  type ClientView,
} from './client-accounts.service.js';
import type { LinkTokenService } from './link-tokens.js';
import type { SessionService } from './session.service.js';
import { StaffAccountsService, type StaffView } from './staff-accounts.service.js';

export interface AccountsDeps {
  orm: Orm;
  sessions: SessionService;
  linkTokens: LinkTokenService;
  /** Clears a person's failed-login streaks when an administrator issues a new password. */
  loginGuard?: { resetFailures(user: { email: string; phone?: string | null }): Promise<void> };
  now: () => Date;
}

/**
 * Account administration as the admin API and the CLI bootstrap use it: one front over staff accounts
 * (staff-accounts.service.ts), clients with their first user (client-accounts.service.ts) and password resets
 * for anyone (account-security.service.ts). Every change is journaled with the acting admin (null from the CLI).
 */
export class AccountsService {
  readonly staff: StaffAccountsService;
  readonly clients: ClientAccountsService;
  readonly security: AccountSecurityService;

  constructor(deps: AccountsDeps) {
    this.staff = new StaffAccountsService(deps);
    this.clients = new ClientAccountsService(deps);
    this.security = new AccountSecurityService(deps);
  }

  createStaff(
    input: StaffCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ user: StaffView; initialPassword: string | null; invite: { url: string; expiresAt: Date } }> {
    return this.staff.createStaff(input, by, options);
  }

  listStaff(page = 1, pageSize = 50): Promise<Page<StaffView>> {
    return this.staff.listStaff(page, pageSize);
  }

  updateStaff(id: string, patch: StaffUpdateInput, by: string | null): Promise<StaffView> {
    return this.staff.updateStaff(id, patch, by);
  }

  resendInvite(id: string, by: string): Promise<{ url: string; expiresAt: Date }> {
    return this.staff.resendInvite(id, by);
  }

  resetTotp(id: string, by: string): Promise<StaffView> {
    return this.staff.resetTotp(id, by);
  }

  resetPassword(id: string, by: string): Promise<{ id: string; initialPassword: string }> {
    return this.security.resetPassword(id, by);
  }

  createClient(
    input: ClientCreateInput,
    by: string | null,
    options: { password?: string } = {},
  ): Promise<{ client: ClientView; user: ClientUserView; initialPassword: string | null }> {
    return this.clients.createClient(input, by, options);
  }

  listClients(page = 1, pageSize = 50, q?: string): Promise<Page<ClientListItem>> {
    return this.clients.listClients(page, pageSize, q);
  }

  setClientUserActive(id: string, active: boolean, by: string): Promise<ClientUserView> {
    return this.clients.setClientUserActive(id, active, by);
  }

  updateClient(id: string, patch: ClientUpdateInput, by: string | null): Promise<ClientView> {
    return this.clients.updateClient(id, patch, by);
  }
}
