import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from '../identity/user.entity.js';

/**
 * An in-app notification: what the cabinet shows under the bell. Title and body are stored already rendered in
 * the recipient's language at delivery time, so the list is a plain read.
 */
export const InAppNotificationSchema = defineEntity({
  name: 'InAppNotification',
  tableName: 'inapp_notifications',
  indexes: [{ properties: ['userId', 'readAt'] }],
  properties: {
    id: p.uuid().primary(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade'),
    requestId: p.uuid().nullable(),
    topic: p.string().length(100),
    title: p.text(),
    body: p.text(),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});

export type InAppNotification = InferEntity<typeof InAppNotificationSchema>;
