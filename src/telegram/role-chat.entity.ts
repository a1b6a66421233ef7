import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from '../identity/user.entity.js';
import { TASK_ROLES } from '../workflow/domain/roles.js';

/**
 * The group chat bound to a task role (`/bind <role>` in the staff bot): task cards for the role go there.
 * One chat per role (a chat may serve several roles); a supergroup migration rewrites `chatId`.
 */
export const RoleChatSchema = defineEntity({
  name: 'RoleChat',
  tableName: 'role_chats',
  properties: {
    id: p.uuid().primary(),
    role: p.enum(TASK_ROLES).unique(),
    chatId: p.bigint('string').index(),
    title: p.string().length(300),
    boundBy: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('bound_by'),
    boundAt: p.datetime(),
  },
});

export type RoleChat = InferEntity<typeof RoleChatSchema>;
