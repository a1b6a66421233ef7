import { defineRoute, type ApiRoute } from '../route.js';
import { completeTaskBody, listTasksQuery, reasonBody, taskPageSchema } from '../schemas/requests.js';
import type { ApiServices } from '../services.js';
import { commandRoutes } from './command-route.js';

const TAG = 'tasks';

/** The task commands answer with the task's request, as the caller sees it after the step. */
export function taskRoutes(s: ApiServices): ApiRoute[] {
  const command = commandRoutes(s, TAG);
  return [
    defineRoute({
      method: 'get',
      path: '/tasks',
      operationId: 'listTasks',
      tag: TAG,
      summary: 'Tasks of the caller’s roles, most urgent first',
      description:
        'Answers an ETag; send it back as If-None-Match to get 304 while nothing changed (the cabinet polls ' +
        'every few seconds, docs/0024).',
      access: 'task_staff',
      conditional: true,
      query: listTasksQuery,
      success: { status: 200, description: 'a page of tasks', schema: taskPageSchema },
      handler: async ({ query, me }) => s.workflow.listTasks(me().actor, query),
    }),
    command({
      path: '/tasks/{id}/claim',
      operationId: 'claimTask',
      summary: 'Take a task of one’s role',
      access: 'task_staff',
      answer: 'the request with the task claimed',
      run: (actor, id) => s.workflow.claimTask(actor, id),
    }),
    command({
      path: '/tasks/{id}/complete',
      operationId: 'completeTask',
      summary: 'Done: every checklist item ticked or not applicable with a note',
      access: 'task_staff',
      body: completeTaskBody,
      answer: 'the request after the task',
      run: (actor, id, { checklist, comment }) => s.workflow.completeTask(actor, id, checklist, comment),
    }),
    command({
      path: '/tasks/{id}/reject',
      operationId: 'rejectTask',
      summary: 'Refuse a task with grounds: the request goes back to the client manager',
      access: 'task_staff',
      body: reasonBody,
      answer: 'the request, back in review',
      run: (actor, id, { reason }) => s.workflow.rejectTask(actor, id, reason),
    }),
    command({
      path: '/tasks/{id}/reopen',
      operationId: 'reopenTask',
      summary: 'Client manager: reopen a rejected task',
      access: 'client_manager',
      answer: 'the request, back in work',
      run: (actor, id) => s.workflow.reopenTask(actor, id),
    }),
  ];
}
