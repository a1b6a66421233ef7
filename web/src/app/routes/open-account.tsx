import {
  Alert,
  Anchor,
  Button,
  Container,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import { PageLayout } from '../../components/ui/page-layout';
import {
  readApplication,
  startApplication,
  startEsia,
  useQuestionnaires,
  type ApplicantKind,
  type Application,
  type DraftKey,
  type Questionnaires,
} from '../../features/onboarding/api';
import { QuestionnaireWizard } from '../../features/onboarding/components/questionnaire-wizard';
import { draftFromLink, storedDraft, storeDraft } from '../../features/onboarding/draft-key';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

function Loading() {
  const { t } = useI18n();
  return (
    <Stack gap="md" aria-busy="true" role="status" aria-label={t.web.loading}>
      <Skeleton height={36} width="60%" />
      <Skeleton height={320} radius="lg" />
    </Stack>
  );
}

/** The sent questionnaire: its number and what happens next. */
function Submitted({ application, onAgain }: { application: Application; onAgain(): void }) {
  const { t } = useI18n();
  const d = t.web.onboarding.done;
  return (
    <Paper withBorder radius="lg" p="xl" className="kabinet-result" data-tone="ok">
      <Stack gap="md">
        <Title order={1} size="h2">
          {d.title(application.number ?? '')}
        </Title>
        <Text>{d.text}</Text>
        <Text size="sm" c="gray.7">
          {d.email}
        </Text>
        <div>
          <Button variant="light" onClick={onAgain}>
            {d.again}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

/** `/open-account`: who opens the account; a draft this browser keeps is offered first. */
function ChooseKind({ questionnaires }: { questionnaires: Questionnaires }) {
  const { t, locale } = useI18n();
  const o = t.web.onboarding;
  const navigate = useNavigate();
  const [starting, setStarting] = useState<ApplicantKind | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const kept = useMemo(() => storedDraft(window.localStorage), []);
  const existing = useQuery({
    queryKey: ['onboarding', 'application', kept?.id],
    queryFn: () => (kept ? readApplication(kept) : Promise.resolve(null)),
    enabled: kept !== null,
    retry: false,
  });
  const resumable = existing.data?.status === 'draft' ? existing.data : null;
  const [params] = useSearchParams();
  const esiaFailure = params.get('esia');
  const [goingToEsia, setGoingToEsia] = useState(false);
  const toEsia = async () => {
    setGoingToEsia(true);
    setFailed(null);
    try {
      window.location.assign(await startEsia(locale));
    } catch (error) {
      setFailed(error);
      setGoingToEsia(false);
    }
  };
  const start = async (kind: ApplicantKind) => {
    setStarting(kind);
    setFailed(null);
    try {
      const started = await startApplication(kind, locale);
      storeDraft(window.localStorage, { id: started.application.id, token: started.token });
      void navigate(`/open-account/${started.application.id}`);
    } catch (error) {
      setFailed(error);
      setStarting(null);
    }
  };
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {o.title}
      </Title>
      <Text>{o.intro}</Text>
      {resumable && kept && (
        <Alert color="blue" variant="light">
          <Stack gap="xs">
            <Text size="sm">
              {o.resume(
                questionnaires.kinds.find((k) => k.kind === resumable.kind)?.title[locale] ?? '',
                new Date(resumable.deleteAfter ?? Date.now()).toLocaleDateString(
                  locale === 'en' ? 'en-GB' : 'ru-RU',
                ),
              )}
            </Text>
            <div>
              <Button size="xs" component={Link} to={`/open-account/${kept.id}`}>
                {o.resumeAction}
              </Button>
            </div>
          </Stack>
        </Alert>
      )}
      {esiaFailure && (
        <Alert color="yellow" variant="light" role="alert">
          {o.esia.failed[esiaFailure] ?? o.esia.failed['unavailable']}
        </Alert>
      )}
      {questionnaires.esia && (
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="xs">
            <Button onClick={() => void toEsia()} loading={goingToEsia} className="kabinet-esia-button">
              {o.esia.button}
            </Button>
            <Text size="sm" c="gray.7">
              {o.esia.hint}
            </Text>
          </Stack>
        </Paper>
      )}
      <Title order={2} size="h4">
        {o.chooseKind}
      </Title>
      <div className="kabinet-choices">
        {questionnaires.kinds.map((q) => (
          <UnstyledButton
            key={q.kind}
            className="kabinet-choice"
            onClick={() => void start(q.kind)}
            disabled={starting !== null}
            aria-busy={starting === q.kind || undefined}
          >
            <Text fw={700}>{q.title[locale]}</Text>
            <Text size="sm" c="gray.7">
              {o.kindHints[q.kind]}
            </Text>
            <Text size="sm" fw={600} c="indigo.8" mt="auto">
              {starting === q.kind ? t.web.loading : `${o.start} →`}
            </Text>
          </UnstyledButton>
        ))}
      </div>
      {failed !== null && (
        <Alert color="red" variant="light" role="alert">
          {failed instanceof ApiError && failed.status === 429
            ? o.contacts.throttled(failed.retryAfterSeconds)
            : o.loadFailed}
        </Alert>
      )}
      <Text size="sm">
        {o.haveAccount}{' '}
        <Anchor component={Link} to="/sign-in">
          {o.signIn}
        </Anchor>
      </Text>
    </Stack>
  );
}

/** `/open-account/:id` (from this browser, or the "continue later" link with its secret after `#`). */
function Draft({ id, questionnaires }: { id: string; questionnaires: Questionnaires }) {
  const { t } = useI18n();
  const o = t.web.onboarding;
  const navigate = useNavigate();
  const [key] = useState<DraftKey | null>(() => {
    const fromLink = draftFromLink(id, window.location.hash);
    if (fromLink) {
      storeDraft(window.localStorage, fromLink);
      // The secret leaves the address bar (and the history) once kept.
      window.history.replaceState(window.history.state, '', window.location.pathname);
      return fromLink;
    }
    const kept = storedDraft(window.localStorage);
    return kept?.id === id ? kept : null;
  });
  const [submitted, setSubmitted] = useState<Application | null>(null);
  const loaded = useQuery({
    queryKey: ['onboarding', 'application', id],
    queryFn: () => readApplication(key as DraftKey),
    enabled: key !== null,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const again = () => {
    storeDraft(window.localStorage, null);
    void navigate('/open-account');
  };
  useEffect(() => {
    if (loaded.error instanceof ApiError && loaded.error.status === 404)
      storeDraft(window.localStorage, null);
  }, [loaded.error]);
  if (!key || (loaded.error instanceof ApiError && loaded.error.status === 404))
    return (
      <Stack gap="md">
        <Alert color="gray">{o.notFound}</Alert>
        <div>
          <Button onClick={again}>{o.startOver}</Button>
        </div>
      </Stack>
    );
  if (loaded.isPending) return <Loading />;
  if (loaded.isError)
    return <LoadFailed message={o.loadFailed} error={loaded.error} onRetry={() => void loaded.refetch()} />;
  const application = submitted ?? loaded.data;
  if (application.status !== 'draft') return <Submitted application={application} onAgain={again} />;
  const questionnaire = questionnaires.kinds.find((k) => k.kind === application.kind);
  if (!questionnaire) return <Alert color="gray">{o.notFound}</Alert>;
  return (
    <QuestionnaireWizard
      draft={key}
      questionnaire={questionnaire}
      consent={questionnaires.consent}
      retentionDays={questionnaires.draftRetentionDays}
      initial={application}
      onSubmitted={(sent) => {
        storeDraft(window.localStorage, null);
        setSubmitted(sent);
        window.scrollTo({ top: 0 });
      }}
    />
  );
}

/** The public account-opening questionnaire (issue 12): no sign-in, in the cabinet's frame. */
export function OpenAccountRoute() {
  const { id } = useParams();
  const { t } = useI18n();
  const questionnaires = useQuestionnaires();
  return (
    <PageLayout>
      <Container size={id ? 'lg' : 900} p={0}>
        {questionnaires.isPending ? (
          <Loading />
        ) : questionnaires.isError ? (
          <LoadFailed
            message={t.web.onboarding.loadFailed}
            error={questionnaires.error}
            onRetry={() => void questionnaires.refetch()}
          />
        ) : id ? (
          <Draft key={id} id={id} questionnaires={questionnaires.data} />
        ) : (
          <ChooseKind questionnaires={questionnaires.data} />
        )}
      </Container>
    </PageLayout>
  );
}
