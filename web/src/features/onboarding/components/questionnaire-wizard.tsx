import {
  Alert,
  Anchor,
  Button,
  CopyButton,
  Group,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { FieldInput } from '../../new-request/components/field-input';
import {
  confirmContact,
  readApplication,
  saveApplication,
  sendContactCode,
  submitApplication,
  type Application,
  type DraftKey,
  type Questionnaires,
  type QuestionnaireKind,
} from '../api';
import { answersFromInputs, inputsFromAnswers, stepErrors, type Inputs } from '../answers';
import { resumeLink } from '../draft-key';
import { ContactConfirmation } from './contact-confirmation';

const SAVE_DELAY_MS = 700;

/**
 * The questionnaire of one kind, step by step (issue 12 item 1): the fields that apply come from the server's own
 * check as the person types, the answers are saved a moment later (so a reload or the "continue later" link finds
 * them), a step goes on only without issues, the contacts step only with both contacts confirmed, and the last step
 * shows the consent's text and sends.
 */
export function QuestionnaireWizard({
  draft,
  questionnaire,
  consent,
  retentionDays,
  initial,
  onSubmitted,
}: {
  draft: DraftKey;
  questionnaire: QuestionnaireKind;
  consent: Questionnaires['consent'];
  retentionDays: number;
  initial: Application;
  onSubmitted(application: Application): void;
}) {
  const { t, locale } = useI18n();
  const o = t.web.onboarding;
  const [application, setApplication] = useState(initial);
  const [inputs, setInputs] = useState<Inputs>(() => inputsFromAnswers(initial.answers));
  const [stepIndex, setStepIndex] = useState(0);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState<Set<number>>(new Set());
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'failed' | 'conflict'>('idle');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const chain = useRef<Promise<Application>>(Promise.resolve(initial));
  const savedJson = useRef(JSON.stringify(initial.answers));
  const latest = useRef(application);
  latest.current = application;

  const steps = questionnaire.steps;
  const step = steps[stepIndex] ?? steps[0];
  const fieldsByName = useMemo(
    () => new Map(questionnaire.fields.map((field) => [field.name, field])),
    [questionnaire.fields],
  );
  const answers = useMemo(
    () => answersFromInputs(questionnaire.fields, inputs),
    [questionnaire.fields, inputs],
  );

  /** Saves the answers on screen (one save at a time, in order); resolves to the server's view. */
  const persist = useCallback((): Promise<Application> => {
    const next = chain.current.then(async (): Promise<Application> => {
      const current = latest.current;
      const json = JSON.stringify(answers);
      if (json === savedJson.current) return current;
      setSaveState('saving');
      try {
        const saved = await saveApplication(draft, answers, current.version);
        savedJson.current = json;
        setApplication(saved);
        latest.current = saved;
        setSaveState('saved');
        return saved;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') {
          // Another tab saved meanwhile: its answers win, and the person is told.
          const fresh = await readApplication(draft);
          savedJson.current = JSON.stringify(fresh.answers);
          setApplication(fresh);
          latest.current = fresh;
          setInputs(inputsFromAnswers(fresh.answers));
          setSaveState('conflict');
          return fresh;
        }
        setSaveState('failed');
        throw error;
      }
    });
    chain.current = next.catch(() => latest.current);
    return next;
  }, [answers, draft]);

  // A moment after the person stops typing, the answers are saved and checked.
  useEffect(() => {
    if (JSON.stringify(answers) === savedJson.current) return;
    const timer = setTimeout(() => void persist().catch(() => undefined), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [answers, persist]);

  // Leaving the page (a reload, a closed tab) within the moment before the save: the answers go anyway.
  const answersNow = useRef(answers);
  answersNow.current = answers;
  useEffect(() => {
    const flush = () => {
      const json = JSON.stringify(answersNow.current);
      if (json === savedJson.current) return;
      void fetch(`/api/v1/onboarding/applications/${draft.id}`, {
        method: 'PATCH',
        keepalive: true,
        headers: {
          'Content-Type': 'application/json',
          'X-Application-Token': draft.token,
          'X-Kabinet-Client': 'web',
        },
        body: JSON.stringify({ answers: answersNow.current, version: latest.current.version }),
      }).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [draft]);

  const applicable = new Set(application.check.fields);
  const errors = application.check.errors;
  // A field's issue is shown once the person left it (or tried to go on), and only while the server's check is about
  // the value on the screen: a stale "required" under a field just filled would move the buttons under the pointer.
  const shown = (name: string): string | undefined =>
    (attempted.has(stepIndex) || touched.has(name)) &&
    applicable.has(name) &&
    answers[name] === application.answers[name]
      ? errors[name]?.[0]
      : undefined;
  const isContacts = step?.key === 'contacts';
  const isLast = stepIndex === steps.length - 1;
  const contactsDone = application.contacts.phone.confirmed && application.contacts.email.confirmed;

  const goTo = (index: number) => {
    setStepIndex(index);
    setSubmitError(null);
    requestAnimationFrame(() => {
      heading.current?.focus();
      window.scrollTo({ top: 0 });
    });
  };

  const next = async () => {
    setAttempted((current) => new Set(current).add(stepIndex));
    const saved = await persist().catch(() => null);
    if (!saved || !step) return;
    const blocking = stepErrors(step.fields, new Set(saved.check.fields), saved.check.errors);
    if (blocking.length > 0) {
      document.querySelector<HTMLElement>(`[name="${blocking[0]}"]`)?.focus();
      return;
    }
    if (isContacts && !(saved.contacts.phone.confirmed && saved.contacts.email.confirmed)) return;
    goTo(stepIndex + 1);
  };

  const submit = async () => {
    setAttempted((current) => new Set(current).add(stepIndex));
    setSubmitError(null);
    setSubmitting(true);
    try {
      await persist();
      const sent = await submitApplication(draft);
      onSubmitted(sent);
    } catch (error) {
      setSubmitError(o.submitFailed);
      // The first step with something to fix is where the person goes.
      const fresh = await readApplication(draft).catch(() => null);
      if (fresh) {
        setApplication(fresh);
        const problems = new Set(Object.keys(fresh.check.errors));
        if (error instanceof ApiError)
          for (const name of Object.keys(error.problem['errors'] ?? {})) problems.add(name);
        const first = steps.findIndex((s) => s.fields.some((name) => problems.has(name)));
        if (first >= 0 && first !== stepIndex) {
          setAttempted((current) => new Set(current).add(first));
          goTo(first);
        }
      }
    } finally {
      setSubmitting(false);
    }
  };

  const contact = async (action: () => Promise<Application>) => {
    await persist();
    const updated = await action();
    setApplication(updated);
    latest.current = updated;
  };

  if (!step) return null;
  const blockingHere = attempted.has(stepIndex)
    ? stepErrors(step.fields, applicable, errors).length > 0
    : false;
  const link = resumeLink(window.location.origin, draft);

  return (
    <div className="kabinet-wizard">
      <nav className="kabinet-wizard-steps" aria-label={o.title}>
        <ol>
          {steps.map((s, index) => (
            <li key={s.key}>
              <UnstyledButton
                className="kabinet-wizard-step"
                data-current={index === stepIndex || undefined}
                data-done={index < stepIndex || undefined}
                aria-current={index === stepIndex ? 'step' : undefined}
                disabled={index > stepIndex}
                onClick={() => goTo(index)}
              >
                <span className="kabinet-wizard-step-number" aria-hidden="true">
                  {index + 1}
                </span>
                {s.title[locale]}
              </UnstyledButton>
            </li>
          ))}
        </ol>
      </nav>
      <Stack gap="lg">
        <Paper withBorder radius="lg" className="kabinet-form-paper">
          <Stack gap="lg">
            <div>
              <Text size="sm" c="gray.7">
                {questionnaire.title[locale]} · {o.stepOf(stepIndex + 1, steps.length)}
              </Text>
              <Title order={2} size="h3" ref={heading} tabIndex={-1}>
                {step.title[locale]}
              </Title>
              <Progress
                value={((stepIndex + 1) / steps.length) * 100}
                mt="sm"
                size="sm"
                aria-label={o.stepOf(stepIndex + 1, steps.length)}
              />
            </div>
            {stepIndex === 0 && application.prefilledFields.length > 0 && (
              <Alert color="blue" variant="light">
                {o.esia.filled}
              </Alert>
            )}
            {isContacts && <Text size="sm">{o.contacts.intro}</Text>}
            {isLast && (
              <Stack gap={4}>
                <Text fw={600}>{o.consentTitle}</Text>
                <ScrollArea.Autosize mah={180} type="auto" className="kabinet-consent" tabIndex={0}>
                  <Text size="sm">{consent.text[locale]}</Text>
                </ScrollArea.Autosize>
                <Text size="xs" c="gray.7">
                  {o.consentVersion(consent.version)}
                </Text>
              </Stack>
            )}
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void (isLast ? submit() : next());
              }}
            >
              <Stack gap="lg">
                {step.fields
                  .filter((name) => applicable.has(name) || !fieldsByName.get(name)?.conditional)
                  .map((name) => {
                    const field = fieldsByName.get(name);
                    if (!field) return null;
                    const input = (
                      <FieldInput
                        key={name}
                        field={field}
                        value={inputs[name] ?? ''}
                        error={shown(name)}
                        onChange={(value) => setInputs((current) => ({ ...current, [name]: value }))}
                        onBlur={() => setTouched((current) => new Set(current).add(name))}
                      />
                    );
                    const fromEsia =
                      application.prefilledFields.includes(name) &&
                      answers[name] !== undefined &&
                      answers[name] === application.answers[name] ? (
                        <Text size="xs" c="indigo.9" mt={-8}>
                          {o.esia.fromEsia}
                        </Text>
                      ) : null;
                    if (field.kind !== 'phone' && field.kind !== 'email')
                      return fromEsia ? (
                        <Stack key={name} gap="xs">
                          {input}
                          {fromEsia}
                        </Stack>
                      ) : (
                        input
                      );
                    const channel = field.kind === 'phone' ? 'phone' : 'email';
                    return (
                      <Stack key={name} gap="xs">
                        {input}
                        {fromEsia}
                        <ContactConfirmation
                          channel={channel}
                          state={application.contacts[channel]}
                          canSend={!errors[name]?.length && (inputs[name] ?? '').trim() !== ''}
                          onSend={() => contact(() => sendContactCode(draft, channel))}
                          onConfirm={(code) => contact(() => confirmContact(draft, channel, code))}
                        />
                      </Stack>
                    );
                  })}
                {blockingHere && (
                  <Alert color="red" variant="light" role="alert">
                    {o.fixStep}
                  </Alert>
                )}
                {isContacts && attempted.has(stepIndex) && !contactsDone && !blockingHere && (
                  <Alert color="yellow" variant="light" role="alert">
                    {o.contacts.needBoth}
                  </Alert>
                )}
                {submitError && (
                  <Alert color="red" variant="light" role="alert">
                    {submitError}
                  </Alert>
                )}
                <Group justify="space-between" gap="sm">
                  {stepIndex > 0 ? (
                    <Button variant="default" onClick={() => goTo(stepIndex - 1)}>
                      {o.back}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit" loading={submitting}>
                    {isLast ? o.submit : o.next}
                  </Button>
                </Group>
              </Stack>
            </form>
            <Text size="xs" c={saveState === 'failed' ? 'red.8' : 'gray.7'} aria-live="polite">
              {saveState === 'saving'
                ? o.saving
                : saveState === 'saved'
                  ? o.saved
                  : saveState === 'failed'
                    ? o.saveFailed
                    : saveState === 'conflict'
                      ? o.conflict
                      : ''}
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder radius="lg" p="md">
          <Stack gap={6}>
            <Text fw={600}>{o.later.title}</Text>
            <Text size="sm">{o.later.text(retentionDays)}</Text>
            <Group gap="sm" wrap="nowrap" className="kabinet-resume-link">
              <Anchor href={link} size="sm" className="kabinet-break">
                {link}
              </Anchor>
            </Group>
            <Group>
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Button variant="light" size="xs" onClick={copy}>
                    {copied ? o.later.copied : o.later.copy}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="gray.7">
              {o.later.warning}
            </Text>
          </Stack>
        </Paper>
      </Stack>
    </div>
  );
}
