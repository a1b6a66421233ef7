import type { BackofficeExchange, ExportView } from '../../backoffice/exchange.service.js';
import { AppError } from '../../errors.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { idParams } from '../schemas/common.js';
import { exportPageSchema, exportQuery, exportSchema, reExportBody } from '../schemas/exchange.js';
import type { ApiServices } from '../services.js';

const TAG = 'exchange';

function present(view: ExportView) {
  return {
    ...view,
    occurredAt: view.occurredAt.toISOString(),
    sentAt: view.sentAt.toISOString(),
    acknowledgedAt: view.acknowledgedAt?.toISOString() ?? null,
  };
}

function exchangeOf(s: ApiServices): BackofficeExchange {
  if (!s.exchange) throw new AppError('unavailable', 'the back-office exchange is off (EXCHANGE_DIR=off)');
  return s.exchange;
}

/** The back-office exchange's state (docs/0023): administrators and the back office. */
export function exchangeRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/exchange/exports',
      operationId: 'listExports',
      tag: TAG,
      summary: 'Exports to the back office: sent, acknowledged, refused (newest first)',
      description:
        'Filter by request to see one request’s exchange state, or by status (`overdue` included).',
      access: 'exchange',
      query: exportQuery,
      success: { status: 200, description: 'a page', schema: exportPageSchema },
      problems: [503],
      handler: async ({ query }) => {
        const page = await exchangeOf(s).list({
          requestId: query.requestId,
          status: query.status,
          page: query.page ?? 1,
          pageSize: query.pageSize ?? 50,
        });
        return { ...page, items: page.items.map(present) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/admin/exchange/exports/{id}/re-export',
      operationId: 'reExport',
      tag: TAG,
      summary: 'Export again, as the next attempt, one the back office refused or left unanswered',
      description:
        'Reads the data as it is now (after the fix) into a new file `<kind>_<id>_<attempt>.xml`; journaled with ' +
        'the caller. An acknowledged export, or one still within its answer time, is a 409.',
      access: 'exchange',
      params: idParams,
      body: reExportBody,
      success: { status: 200, description: 'the export, sent again', schema: exportSchema },
      problems: [404, 409, 503],
      handler: async ({ params, body, me }) => {
        const view = await exchangeOf(s).reExport(params.id, me().user.id, body.attempt);
        return present(view);
      },
    }),
  ];
}
