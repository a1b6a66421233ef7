import { ClientSchema } from '../clients/client.entity.js';
import { UserSchema } from '../identity/user.entity.js';
import { JournalEntrySchema } from '../journal/journal.entity.js';
import { OutboxMessageSchema } from '../notify/outbox.entity.js';
import { RequestCounterSchema, RequestSchema } from '../workflow/request.entity.js';
import { TaskSchema } from '../workflow/task.entity.js';

/** Every entity the ORM knows; migrations are generated from these. */
export const ENTITIES = [
  ClientSchema,
  UserSchema,
  RequestSchema,
  RequestCounterSchema,
  TaskSchema,
  JournalEntrySchema,
  OutboxMessageSchema,
];
