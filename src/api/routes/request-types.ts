import { getRequestType, listRequestTypes } from '../../workflow/domain/types/index.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { presentRequestType } from '../presenters/request-type.js';
import {
  checkFormBody,
  formCheckSchema,
  requestTypeListSchema,
  requestTypeSchema,
  typeCodeParams,
} from '../schemas/request-types.js';
import type { ApiServices } from '../services.js';
import { catalog, issueTexts } from '../../i18n/index.js';

const TAG = 'request-types';

export function requestTypeRoutes(s: ApiServices): ApiRoute[] {
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
    defineRoute({
      method: 'post',
      path: '/request-types/{code}/check',
      operationId: 'checkRequestForm',
      tag: TAG,
      summary: 'Check a form as it is being filled in (nothing is stored)',
      description:
        'The same rules as saving a draft: which fields apply to the answers so far (conditional fields ' +
        'included), whether the form is complete, and every issue per field, as codes and worded in the ' +
        'Accept-Language (ru by default).',
      access: 'client',
      params: typeCodeParams,
      body: checkFormBody,
      success: { status: 200, description: 'the fields that apply and the issues', schema: formCheckSchema },
      problems: [404],
      handler: async ({ params, body, ctx }) => {
        const checked = s.workflow.checkForm(params.code, body.payload);
        return {
          ...checked,
          errors: issueTexts(catalog(ctx.get('accept-language')), checked.issues),
        };
      },
    }),
  ];
}
