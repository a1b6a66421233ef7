import { verifyJournal } from '../../journal/journal.js';
import { requestDeliveries } from '../../notify/delivery-journal.js';
import { roleChatBindings } from '../../telegram/role-chats.js';
import { AppError, notFound } from '../../errors.js';
import { QUEUE_BOARD_PATH } from '../queue-board.js';
import { defineRoute, type ApiRoute } from '../route.js';
import {
  adminPageQuery,
  clientCreateBody,
  clientCreatedSchema,
  clientPageSchema,
  clientSchema,
  clientUpdateBody,
  clientListQuery,
  clientUserSchema,
  userActiveBody,
  deliveryListSchema,
  roleChatListSchema,
  queueStateSchema,
  journalVerifySchema,
  passwordResetSchema,
  staffCreateBody,
  staffCreatedSchema,
  staffInviteSchema,
  staffPageSchema,
  staffSchema,
  staffUpdateBody,
} from '../schemas/admin.js';
import { idParams } from '../schemas/common.js';
import type { ApiServices } from '../services.js';

const TAG = 'admin';

export function adminRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/admin/staff',
      operationId: 'createStaff',
      tag: TAG,
      summary: 'Create a staff member: a one-time password and a staff-bot invite link',
      access: 'admin',
      body: staffCreateBody,
      success: { status: 201, description: 'created', schema: staffCreatedSchema },
      problems: [409],
      async handler({ body, me }) {
        const created = await s.accounts.createStaff(body, me().user.id);
        return {
          ...created,
          invite: { url: created.invite.url, expiresAt: created.invite.expiresAt.toISOString() },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/staff',
      operationId: 'listStaff',
      tag: TAG,
      summary: 'Staff accounts',
      access: 'admin',
      query: adminPageQuery,
      success: { status: 200, description: 'a page', schema: staffPageSchema },
      handler: async ({ query }) => s.accounts.listStaff(query.page ?? 1, query.pageSize ?? 50),
    }),
    defineRoute({
      method: 'patch',
      path: '/admin/staff/{id}',
      operationId: 'updateStaff',
      tag: TAG,
      summary: 'Change a staff member’s name, phone, roles, or lock the account (ends its sessions)',
      access: 'admin',
      params: idParams,
      body: staffUpdateBody,
      success: { status: 200, description: 'the account', schema: staffSchema },
      problems: [404, 409],
      handler: async ({ params, body, me }) => s.accounts.updateStaff(params.id, body, me().user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/staff/{id}/invite',
      operationId: 'resendStaffInvite',
      tag: TAG,
      summary: 'A new staff-bot invite link; the earlier unused ones stop working',
      description:
        'For an invite that was lost or ran out (24 hours). Only the newest link links a chat; journaled with the ' +
        'administrator as the actor. 409 for a locked account.',
      access: 'admin',
      params: idParams,
      success: { status: 201, description: 'the new invite', schema: staffInviteSchema },
      problems: [404, 409],
      async handler({ params, me }) {
        const invite = await s.accounts.resendInvite(params.id, me().user.id);
        return { url: invite.url, expiresAt: invite.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/admin/staff/{id}/totp/reset',
      operationId: 'resetStaffAuthenticator',
      tag: TAG,
      summary: 'Remove a staff member’s authenticator app (a lost phone): logins ask for an SMS code again',
      description:
        'Journaled with the administrator as the actor; the staff member gets a security notice by SMS and ' +
        'e-mail. An administrator’s own authenticator is reset by another administrator.',
      access: 'admin',
      params: idParams,
      success: { status: 200, description: 'the account', schema: staffSchema },
      problems: [403, 404, 409],
      handler: async ({ params, me }) => s.accounts.resetTotp(params.id, me().user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/users/{id}/password-reset',
      operationId: 'resetUserPassword',
      tag: TAG,
      summary: 'Issue a new initial password to a staff member or a client user (shown once)',
      description:
        'Good for 72 hours and one login, after which the person must set their own. Ends every session of the ' +
        'person and clears their failed-login streak; journaled with the administrator as the actor; the person ' +
        'gets a security notice by SMS and e-mail. Not for the administrator’s own account.',
      access: 'admin',
      params: idParams,
      success: { status: 200, description: 'the new initial password', schema: passwordResetSchema },
      problems: [403, 404],
      handler: async ({ params, me }) => s.accounts.resetPassword(params.id, me().user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/clients',
      operationId: 'createClient',
      tag: TAG,
      summary: 'Create a client (INN/OGRN/KPP checked by kind) with its first user',
      access: 'admin',
      body: clientCreateBody,
      success: { status: 201, description: 'created', schema: clientCreatedSchema },
      problems: [409],
      handler: async ({ body, me }) => s.accounts.createClient(body, me().user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/clients',
      operationId: 'listClients',
      tag: TAG,
      summary: 'Clients with their manager and their users, oldest first; `q` searches name, INN, contract',
      access: 'admin',
      query: clientListQuery,
      success: { status: 200, description: 'a page', schema: clientPageSchema },
      handler: async ({ query }) =>
        s.accounts.listClients(query.page ?? 1, query.pageSize ?? 50, query.q || undefined),
    }),
    defineRoute({
      method: 'patch',
      path: '/admin/users/{id}',
      operationId: 'updateClientUser',
      tag: TAG,
      summary: 'Lock or unlock a client’s user (locking ends every session of theirs)',
      description:
        'For client users; staff accounts are changed at PATCH /admin/staff/{id} (a staff id is 404). Journaled.',
      access: 'admin',
      params: idParams,
      body: userActiveBody,
      success: { status: 200, description: 'the user', schema: clientUserSchema },
      problems: [404],
      handler: async ({ params, body, me }) =>
        s.accounts.setClientUserActive(params.id, body.active, me().user.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/admin/clients/{id}',
      operationId: 'updateClient',
      tag: TAG,
      summary: 'Change a client’s name, contacts, address or manager',
      access: 'admin',
      params: idParams,
      body: clientUpdateBody,
      success: { status: 200, description: 'the client', schema: clientSchema },
      problems: [404, 409],
      handler: async ({ params, body, me }) => s.accounts.updateClient(params.id, body, me().user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/journal/verify',
      operationId: 'verifyJournal',
      tag: TAG,
      summary: 'Walk the journal hash chain: ok, or the first broken entry',
      access: 'admin',
      success: { status: 200, description: 'the verdict', schema: journalVerifySchema },
      handler: async () => verifyJournal(s.orm.em.fork()),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/requests/{id}/deliveries',
      operationId: 'listRequestDeliveries',
      tag: TAG,
      summary: 'The delivery journal of a request: who was told what, by which channel, when, with failures',
      description:
        'One row per recipient and channel of each notice (role chats included), its state, attempts, the SMS ' +
        'receipt and the last error. Addresses are not shown: people by name, chats by role.',
      access: 'admin',
      params: idParams,
      success: { status: 200, description: 'the deliveries, oldest first', schema: deliveryListSchema },
      problems: [404],
      async handler({ params }) {
        const items = await requestDeliveries(s.orm, params.id);
        if (!items) throw notFound('request');
        return { items };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/queues',
      operationId: 'getQueueState',
      tag: TAG,
      summary: 'The delivery queues at a glance: jobs per queue and state, and where the board is',
      description:
        'Both kinds: the in-process queue of the embedded mode (waiting and active per channel) and BullMQ ' +
        '(waiting, active, delayed, failed per queue). 503 when Redis does not answer.',
      access: 'admin',
      success: { status: 200, description: 'the queues', schema: queueStateSchema },
      problems: [503],
      async handler() {
        const queue = s.deliveryQueue;
        if (!queue) throw new AppError('unavailable', 'this process has no delivery queue');
        let queues;
        try {
          queues = await queue.depths();
        } catch {
          throw new AppError('unavailable', 'the queue backend (Redis) does not answer');
        }
        return { kind: queue.kind, board: queue.kind === 'bullmq' ? QUEUE_BOARD_PATH : null, queues };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/role-chats',
      operationId: 'listRoleChats',
      tag: TAG,
      summary: 'The group chat bound to each task role (from the staff bot’s /bind), or none',
      access: 'admin',
      success: { status: 200, description: 'every task role', schema: roleChatListSchema },
      handler: async () => ({ items: await roleChatBindings(s.orm) }),
    }),
  ];
}
