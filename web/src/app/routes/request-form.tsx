import { Alert, Anchor, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import {
  checkForm,
  useCreateDraft,
  useDeleteDraft,
  useRequestTypes,
  useUpdateDraft,
  type FormCheck,
  type RequestType,
} from '../../features/new-request/api';
import { FieldInput, FormLevelError } from '../../features/new-request/components/field-input';
import {
  payloadFromValues,
  valuesFromPayload,
  visibleErrors,
  type FormValues,
} from '../../features/new-request/form-model';
import { useRequest, type RequestTypeCode } from '../../features/requests/api';
import { SignRequestDialog } from '../../features/signing/components/sign-request-dialog';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

const CHECK_DELAY_MS = 300;

/**
 * The form of one request type, built from the API's field definitions (issue 9 item 4): the fields that apply and
 * every issue come from the server's own rules (POST /request-types/{code}/check, docs/0020) as the person types;
 * save a draft, sign and submit, delete a draft.
 */
function RequestForm({
  type,
  requestId,
  initial,
}: {
  type: RequestType;
  requestId: string | null;
  initial: Record<string, unknown>;
}) {
  const { t, locale } = useI18n();
  const n = t.web.newRequest;
  const navigate = useNavigate();
  const [values, setValues] = useState<FormValues>(() => valuesFromPayload(type.fields, initial, locale));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [check, setCheck] = useState<FormCheck | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [savedId, setSavedId] = useState<string | null>(requestId);
  const [signing, setSigning] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const create = useCreateDraft();
  const update = useUpdateDraft(savedId ?? '');
  const remove = useDeleteDraft(savedId ?? '');
  const payload = useMemo(
    () => payloadFromValues(type.fields, values, locale),
    [type.fields, values, locale],
  );
  const latest = useRef(0);

  // The server's verdict on the answers so far, a moment after the person stops typing.
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      checkForm(type.code, payload).then(
        (result) => {
          if (ticket === latest.current) setCheck(result);
        },
        () => undefined,
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [type.code, payload]);

  const applicable = check ? new Set(check.fields) : null;
  const fields = type.fields.filter((field) =>
    applicable ? applicable.has(field.name) : !field.conditional,
  );
  const errors = visibleErrors({ ...(check?.errors ?? {}), ...serverErrors }, touched, submitted);
  const saving = create.isPending || update.isPending;

  /** Creates or updates the draft; resolves to its id, or null when the server refused it (errors shown). */
  const save = async (): Promise<string | null> => {
    setSubmitted(true);
    setServerErrors({});
    const body = payloadFromValues(fields, values, locale);
    try {
      if (savedId) {
        await update.mutateAsync(body);
        return savedId;
      }
      const created = await create.mutateAsync({ type: type.code as RequestTypeCode, payload: body });
      setSavedId(created.id);
      return created.id;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed')
        setServerErrors((error.problem['errors'] as Record<string, string[]> | undefined) ?? {});
      return null;
    }
  };

  const saveFailed =
    (create.error ?? update.error) instanceof ApiError &&
    !((create.error ?? update.error) as ApiError).code?.startsWith('validation');
  const hasErrors = submitted && Object.keys(errors).length > 0;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={requestId ? `/requests/${requestId}` : '/requests/new'}>
        {requestId ? n.backToRequest : n.back}
      </Anchor>
      <Title order={1} size="h2">
        {type.title[locale]}
      </Title>
      <Paper withBorder radius="lg" className="kabinet-form-paper">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save().then((id) => {
              if (id) void navigate(`/requests/${id}`);
            });
          }}
        >
          <Stack gap="lg">
            {fields.map((field) => (
              <FieldInput
                key={field.name}
                field={field}
                value={values[field.name] ?? ''}
                error={errors[field.name]}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [field.name]: value }));
                  setServerErrors((current) => {
                    const { [field.name]: _dropped, ...rest } = current;
                    return rest;
                  });
                }}
                onBlur={() => setTouched((current) => new Set(current).add(field.name))}
              />
            ))}
            <FormLevelError text={errors['_form']} />
            {hasErrors && (
              <Alert color="red" variant="light" role="alert">
                {n.fixErrors}
              </Alert>
            )}
            {saveFailed && (
              <Alert color="red" variant="light" role="alert">
                {t.web.requests.refused.generic}
              </Alert>
            )}
            <Group gap="sm">
              <Button
                type="button"
                onClick={() =>
                  void save().then((id) => {
                    if (id) setSigning(true);
                  })
                }
                loading={saving && !signing}
              >
                {n.sign}
              </Button>
              <Button type="submit" variant="light" loading={saving}>
                {n.saveDraft}
              </Button>
              {savedId && (
                <Button type="button" variant="subtle" color="red" onClick={() => setDeleting(true)}>
                  {n.deleteDraft}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
      {savedId && (
        <SignRequestDialog
          requestId={savedId}
          opened={signing}
          onClose={() => setSigning(false)}
          onSigned={() => {
            setSigning(false);
            void navigate(`/requests/${savedId}`);
          }}
        />
      )}
      <Modal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={n.deleteDialog.title}
        centered
        closeButtonProps={{ 'aria-label': n.deleteDialog.keep }}
      >
        <Stack gap="md">
          <Text size="sm">{n.deleteDialog.text}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(false)}>
              {n.deleteDialog.keep}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, { onSuccess: () => void navigate('/requests?tab=drafts') })
              }
            >
              {n.deleteDialog.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function FormSkeleton() {
  const { t } = useI18n();
  return (
    <Stack gap="md" aria-busy="true" role="status" aria-label={t.web.loading}>
      <Skeleton height={36} width="50%" />
      <Skeleton height={360} radius="lg" />
    </Stack>
  );
}

/** `/requests/new/:type` (a new draft) and `/requests/:id/edit` (a draft or a returned request). */
export function RequestFormRoute(_props: { me: Me }) {
  const { type: code, id } = useParams();
  const { t } = useI18n();
  const n = t.web.newRequest;
  const types = useRequestTypes();
  const existing = useRequest(id ?? '');
  if (types.isPending || (id !== undefined && existing.isPending)) return <FormSkeleton />;
  if (types.isError)
    return <LoadFailed message={n.loadFailed} error={types.error} onRetry={() => void types.refetch()} />;
  if (id) {
    if (existing.isError)
      return (
        <LoadFailed
          message={t.web.requests.page.loadFailed}
          error={existing.error}
          onRetry={() => void existing.refetch()}
        />
      );
    const request = existing.data;
    const type = types.data.find((candidate) => candidate.code === request?.type);
    if (!request || !type) return <FormSkeleton />;
    if (!request.allowedActions.includes('updateDraft'))
      return (
        <Stack gap="md">
          <Alert color="gray">{n.notEditable}</Alert>
          <Anchor component={Link} to={`/requests/${request.id}`}>
            {n.backToRequest}
          </Anchor>
        </Stack>
      );
    return <RequestForm key={request.id} type={type} requestId={request.id} initial={request.payload} />;
  }
  const type = types.data.find((candidate) => candidate.code === code);
  if (!type)
    return (
      <Stack gap="md">
        <Alert color="gray">{n.unknownType}</Alert>
        <Anchor component={Link} to="/requests/new">
          {n.back}
        </Anchor>
      </Stack>
    );
  return <RequestForm key={type.code} type={type} requestId={null} initial={{}} />;
}
