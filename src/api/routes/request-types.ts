import { getRequestType, listRequestTypes } from '../../workflow/domain/types/index.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { presentRequestType } from '../presenters/request-type.js';
import { requestTypeListSchema, requestTypeSchema, typeCodeParams } from '../schemas/request-types.js';

const TAG = 'request-types';

export function requestTypeRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/request-types',
      operationId: 'listRequestTypes',
      tag: TAG,
      summary: 'Request types: titles, the JSON Schema of each form, the process outline',
      access: 'user',
      success: { status: 200, description: 'every type, latest versions', schema: requestTypeListSchema },
      handler: async () => ({ items: listRequestTypes().map(presentRequestType) }),
    }),
    defineRoute({
      method: 'get',
      path: '/request-types/{code}',
      operationId: 'getRequestType',
      tag: TAG,
      summary: 'One request type',
      access: 'user',
      params: typeCodeParams,
      success: { status: 200, description: 'the type', schema: requestTypeSchema },
      problems: [404],
      handler: async ({ params }) => presentRequestType(getRequestType(params.code)),
    }),
  ];
}
