import { useI18n } from '../../../lib/i18n';
import { STEPS, stepStates } from '../progress';

/** Where the request is: five plain steps, the current one marked (a list, so screen readers read it in order). */
export function ProgressSteps({ status }: { status: string }) {
  const { t } = useI18n();
  const states = stepStates(status);
  return (
    <ol className="kabinet-steps" aria-label={t.web.requests.page.progress}>
      {STEPS.map((step, i) => (
        <li
          key={step}
          className="kabinet-step"
          data-state={states[step]}
          aria-current={states[step] === 'current' ? 'step' : undefined}
        >
          {i > 0 && (
            <span className="kabinet-step-sep" aria-hidden="true">
              →
            </span>
          )}
          <span className="kabinet-step-dot" aria-hidden="true" />
          {t.web.requests.steps[step]}
        </li>
      ))}
    </ol>
  );
}
