import type { Em } from './orm.js';
import { UserSchema } from '../identity/user.entity.js';

/**
 * People's names by id, as staff see each other ("taken by …", "approved by …", a journal's actor): one query for
 * all the ids given (nulls and repeats ignored); ids of no user are simply absent from the map.
 */
export async function fullNames(
  em: Em,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (wanted.length === 0) return new Map();
  const users = await em.find(UserSchema, { id: { $in: wanted } }, { fields: ['id', 'fullName'] });
  return new Map(users.map((u) => [u.id, u.fullName]));
}
