import type { z } from 'zod';
import type { Actor } from '../../workflow/domain/roles.js';
import type { RequestView } from '../../workflow/presenters.js';
import { withSignature } from '../presenters/request.js';
import { defineRoute, type Access, type ApiRoute, type Empty } from '../route.js';
import { idParams } from '../schemas/common.js';
import { requestSchema } from '../schemas/requests.js';
import type { ApiServices } from '../services.js';

/** A workflow command on the object a path id names (`/requests/{id}/take`, `/tasks/{id}/claim`). */
export interface CommandSpec<B extends z.ZodType> {
  /** POST unless said otherwise (editing a draft is a PATCH of the request). */
  method?: 'post' | 'patch';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  access: Access;
  body?: B;
  /** What the 200 answer holds, for the OpenAPI document: `in review`, `the request after the task`. */
  answer: string;
  /**
   * Runs the command on the path's id; resolves to the request as the caller sees it after the commit (the
   * workflow's commands read it once, after their transaction). Refusals are thrown as KabinetErrors.
   */
  run(actor: Actor, id: string, body: z.output<B>): Promise<RequestView>;
}

/**
 * The builder of a module's command routes: each answers 200 with the request after the command (the view the
 * command returned plus the latest signature, one more query) and documents 404 and 409 besides the usual.
 */
export function commandRoutes(s: Pick<ApiServices, 'signing'>, tag: string) {
  return <B extends z.ZodType = Empty>(spec: CommandSpec<B>): ApiRoute =>
    defineRoute<typeof idParams, Empty, B>({
      method: spec.method ?? 'post',
      path: spec.path,
      operationId: spec.operationId,
      tag,
      summary: spec.summary,
      description: spec.description,
      access: spec.access,
      accountUnchanged: true,
      params: idParams,
      body: spec.body,
      success: { status: 200, description: spec.answer, schema: requestSchema },
      problems: [404, 409],
      handler: async ({ params, body, me }) =>
        withSignature(s.signing, await spec.run(me().actor, params.id, body)),
    });
}
