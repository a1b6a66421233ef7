import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One ticked item on a card: who ticked it and when. */
export interface ChecklistMark {
  by: string;
  at: string;
}

/**
 * The checklist being ticked on a card in a role chat, before Done (a task) or Accept (a review) submits it
 * through the workflow. `round` is the number of approvals the task had when ticking started: after an
 * approval of a 4-eyes task the next person starts from a clean list.
 */
export const ChecklistDraftSchema = defineEntity({
  name: 'ChecklistDraft',
  tableName: 'bot_checklist_drafts',
  properties: {
    /** `task:<taskId>` or `review:<requestId>`. */
    subject: p.string().length(60).primary(),
    round: p.integer(),
    marks: p.json<Record<string, ChecklistMark>>(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export type ChecklistDraft = InferEntity<typeof ChecklistDraftSchema>;
