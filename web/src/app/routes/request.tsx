import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import { StaffRequestPage } from '../../features/staff-work/components/staff-request-page';
import { useRequestTypes } from '../../features/new-request/api';
import {
  useRequest,
  useRequestJournal,
  type RequestJournal,
  type RequestView,
} from '../../features/requests/api';
import { CancelDialog } from '../../features/requests/components/cancel-dialog';
import { PayloadTable } from '../../features/requests/components/payload-table';
import { ProgressSteps } from '../../features/requests/components/progress-steps';
import { StatusBadge } from '../../features/requests/components/status-badge';
import { statusWords } from '../../features/requests/status';
import { SignRequestDialog } from '../../features/signing/components/sign-request-dialog';
import { ApiError } from '../../lib/api-client';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}

/** The request's history in plain words, newest last (the client's journal: its own steps and the outcome). */
function History({ journal }: { journal: RequestJournal }) {
  const { t, locale } = useI18n();
  const j = t.web.requests.journal;
  if (journal.audience !== 'client' || journal.items.length === 0)
    return <Text c="gray.7">{t.web.requests.page.historyEmpty}</Text>;
  interface Line {
    id: string;
    at: string;
    title: string;
    detail: string | null;
  }
  const lines = journal.items.flatMap((entry): Line[] => {
    const by = j.by[entry.by];
    switch (entry.event) {
      case 'created':
        return [{ id: entry.id, at: entry.at, title: j.created, detail: by }];
      case 'edited':
        return [{ id: entry.id, at: entry.at, title: j.edited, detail: by }];
      case 'signature_requested':
        return [{ id: entry.id, at: entry.at, title: j.signature_requested, detail: null }];
      case 'signed':
        return [{ id: entry.id, at: entry.at, title: j.signed, detail: null }];
      case 'status_changed':
        return entry.status
          ? [
              {
                id: entry.id,
                at: entry.at,
                title: j.status(statusWords(t, entry.status)),
                detail: entry.reason ?? by,
              },
            ]
          : [];
      default:
        return [];
    }
  });
  return (
    <Timeline bulletSize={14} lineWidth={2} active={lines.length - 1}>
      {lines.map((line) => (
        <Timeline.Item key={line.id} title={line.title}>
          <Text size="sm" c="gray.7">
            {when(line.at, locale)}
            {line.detail ? ` · ${line.detail}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function ReasonAlert({ request }: { request: RequestView }) {
  const { t } = useI18n();
  if (request.audience !== 'client' || !request.reason) return null;
  const p = t.web.requests.page;
  const title =
    request.status === 'returned'
      ? p.returnedReason
      : request.status === 'rejected'
        ? p.rejectedReason
        : p.cancelledReason;
  return (
    <Alert color={request.status === 'returned' ? 'orange' : 'red'} variant="light" title={title}>
      {request.reason}
    </Alert>
  );
}

function SignatureRecord({ request }: { request: RequestView }) {
  const { t, locale } = useI18n();
  const p = t.web.requests.page;
  const signature = request.signature;
  if (!signature) return null;
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {p.signature}
        </Title>
        <Text>{p.signatureKind}</Text>
        <div className="kabinet-grid kabinet-grid-facts">
          <Fact label={p.signedAt} value={when(signature.signedAt, locale)} />
          <Fact label={p.signedPhone} value={signature.phone} />
          <Fact label={p.signedChannel} value={p.channels[signature.channel]} />
        </div>
        {signature.printFormHash && (
          <Stack gap={2}>
            <Text size="sm" c="gray.7">
              {p.documentHash}
            </Text>
            <Text className="kabinet-hash">{signature.printFormHash}</Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** A request (issue 9 item 6): status and steps, what it says, the reason, the signature, the history, the actions. */
export function RequestRoute({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const p = t.web.requests.page;
  const request = useRequest(id);
  const journal = useRequestJournal(id);
  const types = useRequestTypes();
  const [signing, setSigning] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  if (request.isPending)
    return (
      <Stack gap="md" aria-busy="true" role="status" aria-label={t.web.loading}>
        <Skeleton height={36} width="60%" />
        <Skeleton height={120} radius="lg" />
        <Skeleton height={240} radius="lg" />
      </Stack>
    );
  if (request.isError) {
    const missing = request.error instanceof ApiError && request.error.status === 404;
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/requests">
          {p.back}
        </Anchor>
        {missing ? (
          <Alert color="gray" title={p.notFound} />
        ) : (
          <LoadFailed message={p.loadFailed} error={request.error} onRetry={() => void request.refetch()} />
        )}
      </Stack>
    );
  }
  const view = request.data;
  if (view.audience === 'staff') return <StaffRequestPage view={view} me={me} />;
  const type = types.data?.find((candidate) => candidate.code === view.type);
  const allowed = view.allowedActions;
  const canEdit = allowed.includes('updateDraft');
  const canSign = allowed.includes('submit') || allowed.includes('confirmSignature');
  const canCancel = allowed.includes('cancel');
  const signed = view.signature?.printFormHash;
  const pdf = `/api/v1/requests/${view.id}/print.pdf`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/requests">
        {p.back}
      </Anchor>
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {view.title[locale]}
          </Title>
          <StatusBadge status={view.status} />
        </Group>
        <Text c="gray.7">
          {t.web.numbered(view.number)} · {view.summary[locale]}
        </Text>
      </Stack>
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="md">
          <ProgressSteps status={view.status} />
          <div className="kabinet-grid kabinet-grid-facts">
            <Fact label={p.created} value={when(view.createdAt, locale)} />
            <Fact label={p.submitted} value={when(view.submittedAt, locale)} />
            {view.closedAt ? (
              <Fact label={p.closed} value={when(view.closedAt, locale)} />
            ) : view.audience === 'client' && view.manager ? (
              <Fact label={p.manager} value={view.manager.name} />
            ) : null}
          </div>
        </Stack>
      </Paper>
      <ReasonAlert request={view} />
      {(canEdit || canSign || canCancel || me.kind === 'client') && (
        <Group gap="sm">
          {canSign && <Button onClick={() => setSigning(true)}>{p.sign}</Button>}
          {canEdit && (
            <Button component={Link} to={`/requests/${view.id}/edit`} variant="light">
              {p.edit}
            </Button>
          )}
          <Button component="a" href={pdf} target="_blank" rel="noopener" variant="default">
            {p.printForm}
          </Button>
          {signed && (
            <Button
              component="a"
              href={`${pdf}?version=signed`}
              target="_blank"
              rel="noopener"
              variant="default"
            >
              {p.signedDocument}
            </Button>
          )}
          {canCancel && (
            <Button variant="subtle" color="red" onClick={() => setCancelling(true)}>
              {p.cancel}
            </Button>
          )}
        </Group>
      )}
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {p.details}
          </Title>
          <PayloadTable type={type} payload={view.payload} />
        </Stack>
      </Paper>
      <SignatureRecord request={view} />
      <Paper withBorder p="lg" radius="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {p.history}
          </Title>
          {journal.isPending ? (
            <Skeleton height={80} />
          ) : journal.isError ? (
            <LoadFailed message={p.loadFailed} error={journal.error} onRetry={() => void journal.refetch()} />
          ) : (
            <History journal={journal.data} />
          )}
        </Stack>
      </Paper>
      {canSign && (
        <SignRequestDialog
          requestId={view.id}
          opened={signing}
          onClose={() => setSigning(false)}
          onSigned={() => {
            setSigning(false);
            void request.refetch();
            void journal.refetch();
          }}
        />
      )}
      {canCancel && (
        <CancelDialog requestId={view.id} opened={cancelling} onClose={() => setCancelling(false)} />
      )}
    </Stack>
  );
}
