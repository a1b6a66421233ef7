/** The steps a client sees a request go through (status only: never the internal stages, docs/0015). */
export const STEPS = ['draft', 'awaiting_signature', 'submitted', 'in_work', 'done'] as const;
export type Step = (typeof STEPS)[number];
export type StepState = 'done' | 'current' | 'failed' | 'todo';

const POSITION: Record<string, number> = {
  draft: 0,
  returned: 0,
  awaiting_signature: 1,
  submitted: 2,
  in_review: 3,
  in_progress: 3,
  completed: 4,
  rejected: 4,
  cancelled: 4,
};

/** Each step's state for a status: the steps before it done, it current (or failed when refused), the rest to do. */
export function stepStates(status: string): Record<Step, StepState> {
  const at = POSITION[status] ?? 0;
  const ended = status === 'completed' || status === 'rejected' || status === 'cancelled';
  return Object.fromEntries(
    STEPS.map((step, i) => {
      if (i < at) return [step, 'done'];
      if (i > at) return [step, 'todo'];
      if (status === 'rejected' || status === 'cancelled') return [step, 'failed'];
      return [step, ended ? 'done' : 'current'];
    }),
  ) as Record<Step, StepState>;
}
