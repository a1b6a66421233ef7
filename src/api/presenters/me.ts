import type { Orm } from '../../db/orm.js';
import { ClientSchema } from '../../clients/client.entity.js';
import { UserSchema } from '../../identity/user.entity.js';
import { DomainError } from '../../errors.js';
import type { SandboxPage } from '../../telegram/sandbox/page-service.js';

/** The signed-in user with their client (for client users). */
export async function presentMe(
  s: { orm: Orm; sandboxPage?: Pick<SandboxPage, 'mayUse'> | undefined },
  userId: string,
) {
  const em = s.orm.em.fork();
  const user = await em.findOne(UserSchema, { id: userId });
  if (!user) throw new DomainError('not_found', 'user not found');
  const client = user.clientId ? await em.findOne(ClientSchema, { id: user.clientId }) : null;
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    phone: user.phone ?? null,
    fullName: user.fullName,
    roles: [...user.roles],
    locale: user.locale,
    totpEnabled: user.totpEnabledAt != null,
    passwordChangeRequired: user.passwordExpiresAt != null,
    authenticatorRequired: user.totpRequired && user.totpEnabledAt == null,
    client: client
      ? { id: client.id, kind: client.kind, name: client.name, contractNumber: client.contractNumber }
      : null,
    sandbox: s.sandboxPage?.mayUse(user.roles) ?? false,
  };
}
