import { z } from 'zod';
import { CLIENT_KINDS } from '../../clients/client.entity.js';
import { CHANNELS, DELIVERY_STATUSES } from '../../notify/delivery.entity.js';
import { STAFF_ROLES, TASK_ROLES } from '../../workflow/domain/roles.js';
import { isoDateTime, pageOf, pageQuery } from './common.js';

export {
  clientCreateSchema as clientCreateBody,
  clientUpdateSchema as clientUpdateBody,
  staffCreateSchema as staffCreateBody,
  staffUpdateSchema as staffUpdateBody,
} from '../../identity/accounts.schemas.js';

export const adminPageQuery = z.object({ ...pageQuery });

export const clientListQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(100).optional().describe('a part of the name, INN or contract number (any case)'),
});

export const userActiveBody = z.object({
  active: z.boolean().describe('false locks the user out and ends every session of theirs'),
});

export const staffSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    phone: z.string().nullable(),
    fullName: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    active: z.boolean(),
    totpEnabled: z.boolean(),
    totpRequired: z
      .boolean()
      .describe(
        'an administrator requires an authenticator app: until enrolled, sessions open only the enrolment',
      ),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Staff' });

const invite = z
  .object({
    url: z.url().describe('https://t.me/<staff bot>?start=<one-time token>'),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'StaffInvite' });

export const staffInviteSchema = invite;

export const staffCreatedSchema = z
  .object({
    user: staffSchema,
    initialPassword: z
      .string()
      .nullable()
      .describe('shown once; the staff member changes it with POST /me/password'),
    invite,
  })
  .meta({ id: 'StaffCreated' });

export const clientSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CLIENT_KINDS),
    name: z.string(),
    inn: z.string(),
    ogrn: z.string().nullable(),
    kpp: z.string().nullable(),
    contractNumber: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    managerId: z.uuid().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Client' });

const clientUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    phone: z.string().nullable(),
    fullName: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'ClientUser' });

export const clientListItemSchema = clientSchema
  .extend({
    managerName: z.string().nullable().describe('the client manager who owns the client, by name'),
    users: z
      .array(
        clientUserSchema.extend({
          telegramLinked: z.boolean().describe('the user’s Telegram is linked to the client bot'),
        }),
      )
      .describe('the people who sign in for the client, oldest first'),
  })
  .meta({ id: 'ClientListItem' });

export { clientUserSchema };

export const clientCreatedSchema = z
  .object({
    client: clientSchema,
    user: clientUserSchema,
    initialPassword: z.string().nullable().describe('shown once'),
  })
  .meta({ id: 'ClientCreated' });

export const staffPageSchema = pageOf(staffSchema).meta({ id: 'StaffPage' });
export const clientPageSchema = pageOf(clientListItemSchema).meta({ id: 'ClientPage' });

export const journalVerifySchema = z
  .object({
    ok: z.boolean(),
    entries: z.number().int().describe('entries checked before the answer'),
    lastHash: z.string().optional(),
    brokenAt: z.object({ id: z.string(), reason: z.enum(['hash_mismatch', 'chain_broken']) }).optional(),
  })
  .meta({ id: 'JournalVerification' });

export const passwordResetSchema = z
  .object({
    id: z.uuid(),
    initialPassword: z.string().describe('shown once: give it to the person out of band'),
  })
  .meta({ id: 'PasswordReset' });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    topic: z.string().describe('request_submitted, task_created, request_completed, …'),
    channel: z.enum(CHANNELS),
    recipientKind: z.enum(['user', 'role_chat']),
    recipientName: z.string().nullable().describe('the person’s name; null for a role chat'),
    recipientRole: z.string().nullable().describe('the role of a role chat'),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    receiptStatus: z.string().nullable().describe('an SMS delivery receipt, when the gateway sent one'),
    lastError: z.string().nullable().describe('why the last attempt failed or the delivery was skipped'),
    createdAt: isoDateTime,
    sentAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Delivery' });

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) }).meta({ id: 'DeliveryList' });

export const roleChatListSchema = z
  .object({
    items: z.array(
      z.object({
        role: z.enum(TASK_ROLES),
        chat: z
          .object({
            title: z.string(),
            boundAt: isoDateTime,
            boundBy: z.string().nullable().describe('who bound it with /bind, by name'),
          })
          .nullable()
          .describe(
            'null: no chat bound, the role’s cards go nowhere (bind one with /bind <role> in the staff bot)',
          ),
      }),
    ),
  })
  .meta({ id: 'RoleChats' });

export const queueStateSchema = z
  .object({
    kind: z.enum(['bullmq', 'in-process']).describe('BullMQ on Redis, or the embedded in-process queue'),
    board: z
      .string()
      .nullable()
      .describe('the read-only bull-board for administrators (BullMQ only), or null'),
    queues: z.array(
      z.object({
        queue: z.string().describe('notify-email, notify-sms, notify-telegram-client, …'),
        state: z.enum(['waiting', 'active', 'delayed', 'failed']),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'QueueState' });
