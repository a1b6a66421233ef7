import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import {
  deskPdfUrl,
  useDeskApplication,
  useImportApplication,
  useSendActivation,
  type DeskView,
} from '../../features/desk/api';
import { useQuestionnaires, type QuestionnaireKind } from '../../features/onboarding/api';
import { ApiError } from '../../lib/api-client';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';
import { DeskStatus } from './desk';

/** An answer in words: options by their labels, boxes as yes/no, dates as people write them. */
function answerText(
  field: QuestionnaireKind['fields'][number],
  value: unknown,
  locale: 'ru' | 'en',
  yes: string,
  no: string,
) {
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value !== 'string') return '—';
  if (field.kind === 'enum') return field.options?.find((o) => o.value === value)?.label[locale] ?? value;
  if (field.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) && locale === 'ru')
    return value.split('-').reverse().join('.');
  return value;
}

function Answers({ view, questionnaire }: { view: DeskView; questionnaire: QuestionnaireKind }) {
  const { t, locale } = useI18n();
  const d = t.web.desk;
  const fromEsia = new Set(view.prefilledFields);
  return (
    <Stack gap="lg">
      {questionnaire.steps.map((step) => {
        const rows = step.fields
          .map((name) => questionnaire.fields.find((f) => f.name === name))
          .filter(
            (field): field is NonNullable<typeof field> =>
              field !== undefined && view.answers[field.name] !== undefined,
          );
        if (rows.length === 0) return null;
        return (
          <Paper key={step.key} withBorder radius="lg" p="md">
            <Title order={2} size="h4" mb="xs">
              {step.title[locale]}
            </Title>
            <Table variant="vertical" layout="fixed" withRowBorders>
              <Table.Tbody>
                {rows.map((field) => (
                  <Table.Tr key={field.name}>
                    <Table.Th w="40%">{field.label[locale]}</Table.Th>
                    <Table.Td className="kabinet-break">
                      {answerText(field, view.answers[field.name], locale, t.web.onboarding.yes, '—')}
                      {fromEsia.has(field.name) && (
                        <Text span size="xs" c="gray.7">
                          {' '}
                          ({d.fromEsia})
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}

function ImportForm({ view }: { view: DeskView }) {
  const { t } = useI18n();
  const d = t.web.desk.import;
  const run = useImportApplication(view.id);
  const [main, setMain] = useState('');
  const [depositary, setDepositary] = useState('');
  const [trust, setTrust] = useState('');
  const [inn, setInn] = useState('');
  const wants = (name: string) => view.answers[name] === true;
  const problem = run.error instanceof ApiError ? run.error : null;
  const fieldError = (name: string) =>
    (problem?.problem['errors'] as Record<string, string[]> | undefined)?.[name]?.[0];
  return (
    <Paper withBorder radius="lg" p="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate({
            contracts: {
              main: main.trim(),
              ...(depositary.trim() ? { depositary: depositary.trim() } : {}),
              ...(trust.trim() ? { trust: trust.trim() } : {}),
            },
            ...(inn.trim() ? { inn: inn.trim() } : {}),
          });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4">
            {d.title}
          </Title>
          <Text size="sm">{d.text}</Text>
          <TextInput
            label={d.main}
            value={main}
            onChange={(e) => setMain(e.currentTarget.value)}
            required
            maxLength={50}
            error={fieldError('contracts.main')}
          />
          {wants('serviceDepositary') && (
            <TextInput
              label={d.depositary}
              value={depositary}
              onChange={(e) => setDepositary(e.currentTarget.value)}
              maxLength={50}
            />
          )}
          {wants('serviceTrustManagement') && (
            <TextInput
              label={d.trust}
              value={trust}
              onChange={(e) => setTrust(e.currentTarget.value)}
              maxLength={50}
            />
          )}
          {view.inn === null && (
            <TextInput
              label={d.inn}
              description={d.innHint}
              value={inn}
              onChange={(e) => setInn(e.currentTarget.value)}
              inputMode="numeric"
              maxLength={12}
              required
              error={fieldError('inn')}
            />
          )}
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {t.web.desk.refusals[problem.code ?? ''] ?? t.web.desk.refused}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={run.isPending} disabled={main.trim() === ''}>
              {d.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Contracts({ view }: { view: DeskView }) {
  const { t, locale } = useI18n();
  const c = t.web.desk.contracts;
  const send = useSendActivation(view.id);
  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {c.title}
        </Title>
        {view.contracts && (
          <Stack gap={2}>
            <Text>{c.main(view.contracts.main)}</Text>
            {view.contracts.depositary && <Text>{c.depositary(view.contracts.depositary)}</Text>}
            {view.contracts.trust && <Text>{c.trust(view.contracts.trust)}</Text>}
          </Stack>
        )}
        {view.contractsSignedAt && <Text size="sm">{c.signedAt(when(view.contractsSignedAt, locale))}</Text>}
        {view.activated ? (
          <Alert color="green" variant="light">
            {c.activated}
          </Alert>
        ) : (
          <>
            {view.contractsSignedAt && (
              <Text size="sm" c="gray.7">
                {c.waiting}
              </Text>
            )}
            <Text size="sm" c="gray.7">
              {c.hint}
            </Text>
            <Group>
              <Button onClick={() => send.mutate()} loading={send.isPending}>
                {view.contractsSignedAt ? c.resend : c.send}
              </Button>
            </Group>
            {send.data && (
              <Alert color="green" variant="light" role="status">
                {c.sent(send.data.sent)}
              </Alert>
            )}
            {send.error && (
              <Alert color="red" variant="light" role="alert">
                {(send.error instanceof ApiError && t.web.desk.refusals[send.error.code ?? '']) ||
                  t.web.desk.refused}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** `/onboarding/:id`: one sent questionnaire, its PDF, the import and the activation (issue 12 item 5). */
export function DeskApplicationRoute(_props: { me: Me }) {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const d = t.web.desk;
  const view = useDeskApplication(id);
  const questionnaires = useQuestionnaires();
  if (view.isPending || questionnaires.isPending)
    return <Skeleton height={320} radius="lg" aria-busy="true" role="status" aria-label={t.web.loading} />;
  if (view.isError)
    return <LoadFailed message={d.loadFailed} error={view.error} onRetry={() => void view.refetch()} />;
  if (questionnaires.isError)
    return (
      <LoadFailed
        message={d.loadFailed}
        error={questionnaires.error}
        onRetry={() => void questionnaires.refetch()}
      />
    );
  const app = view.data;
  const questionnaire = questionnaires.data.kinds.find((k) => k.kind === app.kind);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/onboarding">
        {d.back}
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {app.number} · {app.name}
          </Title>
          <DeskStatus item={app} />
        </Group>
        <Text c="gray.7">
          {questionnaire?.title[locale]}
          {app.inn ? ` · ${d.inn(app.inn)}` : ''} · {d.submittedAt(when(app.submittedAt, locale))} ·{' '}
          {d.contacts(app.contactsConfirmedBy === 'esia' ? d.byEsia : d.byCode)}
        </Text>
      </Stack>
      {app.duplicates.length > 0 && (
        <Alert color="orange" variant="light" title={d.duplicates(app.duplicates.length)}>
          <Stack gap={2}>
            {app.duplicates.map((flag) => (
              <Text size="sm" key={`${flag.reason}-${flag.with}-${flag.ref}`}>
                {d.duplicateReasons[flag.reason]}: {d.duplicateWith[flag.with]} {flag.ref}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Group>
        <Button component="a" href={deskPdfUrl(app.id)} target="_blank" rel="noopener" variant="default">
          {d.pdf}
        </Button>
      </Group>
      {app.status === 'submitted' ? <ImportForm view={app} /> : <Contracts view={app} />}
      {questionnaire && <Answers view={app} questionnaire={questionnaire} />}
    </Stack>
  );
}
