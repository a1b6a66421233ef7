import { defineRoute, type ApiRoute } from '../route.js';
import { idParams } from '../schemas/common.js';
import {
  completeTaskBody,
  listTasksQuery,
  reasonBody,
  requestSchema,
  taskPageSchema,
} from '../schemas/requests.js';
import type { ApiServices } from '../services.js';
import { requestWithSignature } from './requests.js';

const TAG = 'tasks';

export function taskRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/tasks',
      operationId: 'listTasks',
      tag: TAG,
      summary: 'Tasks of the caller’s roles, most urgent first',
      access: 'task_staff',
      query: listTasksQuery,
      success: { status: 200, description: 'a page of tasks', schema: taskPageSchema },
      handler: async ({ query, me }) => s.workflow.listTasks(me().actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/{id}/claim',
      operationId: 'claimTask',
      tag: TAG,
      summary: 'Take a task of one’s role',
      access: 'task_staff',
      params: idParams,
      success: { status: 200, description: 'the request with the task claimed', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, me }) {
        const view = await s.workflow.claimTask(me().actor, params.id);
        return requestWithSignature(s, me().actor, view.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      operationId: 'completeTask',
      tag: TAG,
      summary: 'Done: every checklist item ticked or not applicable with a note',
      access: 'task_staff',
      params: idParams,
      body: completeTaskBody,
      success: { status: 200, description: 'the request after the task', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, body, me }) {
        const view = await s.workflow.completeTask(me().actor, params.id, body.checklist, body.comment);
        return requestWithSignature(s, me().actor, view.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/{id}/reject',
      operationId: 'rejectTask',
      tag: TAG,
      summary: 'Refuse a task with grounds: the request goes back to the client manager',
      access: 'task_staff',
      params: idParams,
      body: reasonBody,
      success: { status: 200, description: 'the request, back in review', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, body, me }) {
        const view = await s.workflow.rejectTask(me().actor, params.id, body.reason);
        return requestWithSignature(s, me().actor, view.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tasks/{id}/reopen',
      operationId: 'reopenTask',
      tag: TAG,
      summary: 'Client manager: reopen a rejected task',
      access: 'client_manager',
      params: idParams,
      success: { status: 200, description: 'the request, back in work', schema: requestSchema },
      problems: [404, 409],
      async handler({ params, me }) {
        const view = await s.workflow.reopenTask(me().actor, params.id);
        return requestWithSignature(s, me().actor, view.id);
      },
    }),
  ];
}
