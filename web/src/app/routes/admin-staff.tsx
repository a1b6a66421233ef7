import {
  Alert,
  Button,
  Checkbox,
  Group,
  Image,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../../src/workflow/domain/roles.js';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import {
  useCreateStaff,
  useResendInvite,
  useRoleChats,
  useStaffAction,
  useStaffList,
  useVerifyJournal,
  type Staff,
  type StaffCreated,
  type StaffInvite,
} from '../../features/admin/api';
import { when } from '../../lib/dates';
import { OpenInSandbox } from '../../features/sandbox/components/open-in-sandbox';
import { useI18n } from '../../lib/i18n';
import { ToneBadge } from '../../components/ui/tone-badge';

/** A staff-bot invite as a button and a QR code (drawn here, as a data: image), with its expiry. */
function InviteLink({ invite }: { invite: StaffInvite }) {
  const { t, locale } = useI18n();
  const c = t.web.admin.create;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void toDataURL(invite.url, { margin: 1, width: 180 }).then((data) => {
      if (live) setQr(data);
    });
    return () => {
      live = false;
    };
  }, [invite.url]);
  return (
    <>
      <Group gap="md" align="flex-start">
        <Button component="a" href={invite.url} target="_blank" rel="noopener" variant="light">
          {c.openInvite}
        </Button>
        {/* The new employee is nobody the sandbox knows yet: its guest plays them. */}
        <OpenInSandbox url={invite.url} as="outsider" />
        {qr && <Image src={qr} alt={c.inviteQr} w={180} h={180} />}
      </Group>
      <Text size="sm" c="gray.7">
        {c.inviteExpires(when(invite.expiresAt, locale))}
      </Text>
    </>
  );
}

/** The new account's one-time facts: the initial password and the staff-bot invite. */
function Created({ created, onDone }: { created: StaffCreated; onDone(): void }) {
  const { t } = useI18n();
  const c = t.web.admin.create;
  return (
    <Stack gap="sm" role="status">
      <Text fw={600}>{c.created(created.user.fullName)}</Text>
      {created.initialPassword && (
        <TextInput
          label={c.password}
          value={created.initialPassword}
          readOnly
          classNames={{ input: 'kabinet-hash' }}
        />
      )}
      <Text fw={600}>{c.invite}</Text>
      <InviteLink invite={created.invite} />
      <Group>
        <Button variant="default" onClick={onDone}>
          {c.done}
        </Button>
      </Group>
    </Stack>
  );
}

function CreateStaff() {
  const { t } = useI18n();
  const c = t.web.admin.create;
  const create = useCreateStaff();
  const [open, setOpen] = useState(false);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const reset = () => {
    create.reset();
    setFullName('');
    setEmail('');
    setPhone('');
    setRoles([]);
    setOpen(false);
  };
  if (create.data) return <Created created={create.data} onDone={reset} />;
  if (!open)
    return (
      <Group>
        <Button onClick={() => setOpen(true)}>{c.open}</Button>
      </Group>
    );
  return (
    <form
      noValidate
      aria-label={c.title}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ fullName, email, phone, roles: roles as StaffRole[] });
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {c.title}
        </Title>
        <div className="kabinet-grid kabinet-grid-facts">
          <TextInput
            label={c.fullName}
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
          />
          <TextInput
            label={c.email}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label={c.phone}
            description={c.phoneHint}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
        </div>
        <Checkbox.Group label={c.roles} value={roles} onChange={setRoles}>
          <Group gap="md" mt={6}>
            {STAFF_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t.roles[role]} />
            ))}
          </Group>
        </Checkbox.Group>
        {create.isError && (
          <Alert color="red" variant="light" role="alert">
            {c.failed}
          </Alert>
        )}
        <Group gap="sm">
          <Button
            type="submit"
            loading={create.isPending}
            disabled={!fullName || !email || !phone || !roles.length}
          >
            {c.submit}
          </Button>
          <Button variant="default" onClick={reset}>
            {c.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The roles of an account, changed in a dialog: at least one. */
function RolesDialog({
  person,
  opened,
  pending,
  onClose,
  onSave,
}: {
  person: Staff;
  opened: boolean;
  pending: boolean;
  onClose(): void;
  onSave(roles: StaffRole[]): void;
}) {
  const { t } = useI18n();
  const s = t.web.admin.staff;
  const [roles, setRoles] = useState<string[]>(person.roles);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={s.rolesTitle(person.fullName)}
      centered
      closeButtonProps={{ 'aria-label': s.cancel }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (roles.length) onSave(roles as StaffRole[]);
        }}
      >
        <Stack gap="md">
          <Checkbox.Group
            label={t.web.admin.create.roles}
            description={s.rolesHint}
            value={roles}
            onChange={setRoles}
          >
            <Stack gap="xs" mt={6}>
              {STAFF_ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t.roles[role]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group gap="sm">
            <Button type="submit" loading={pending} disabled={!roles.length}>
              {s.save}
            </Button>
            <Button variant="default" onClick={onClose}>
              {s.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function StaffActions({
  person,
  me,
  onDone,
  onInvite,
}: {
  person: Staff;
  me: Me;
  onDone(message: string, ok: boolean): void;
  onInvite(name: string, invite: StaffInvite): void;
}) {
  const { t } = useI18n();
  const s = t.web.admin.staff;
  const action = useStaffAction();
  const resend = useResendInvite();
  const [editing, setEditing] = useState(false);
  if (person.id === me.id)
    return (
      <Text size="sm" c="gray.7">
        {s.self}
      </Text>
    );
  const run = (next: Parameters<typeof action.mutate>[0]) =>
    action.mutate(next, {
      onSuccess: (password) =>
        onDone(password ? s.passwordIssued(person.fullName, password) : s.changed, true),
      onError: () => onDone(s.failed, false),
    });
  const name = person.fullName;
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="light"
        loading={action.isPending}
        aria-label={`${person.active ? s.lock : s.unlock}: ${name}`}
        onClick={() => run({ kind: 'active', id: person.id, active: !person.active })}
      >
        {person.active ? s.lock : s.unlock}
      </Button>
      {person.totpEnabled && (
        <Button
          size="xs"
          variant="default"
          aria-label={`${s.resetTotp}: ${name}`}
          onClick={() => run({ kind: 'resetTotp', id: person.id })}
        >
          {s.resetTotp}
        </Button>
      )}
      <Button
        size="xs"
        variant="default"
        aria-label={`${s.newPassword}: ${name}`}
        onClick={() => run({ kind: 'resetPassword', id: person.id })}
      >
        {s.newPassword}
      </Button>
      {person.active && (
        <Button
          size="xs"
          variant="default"
          loading={resend.isPending}
          aria-label={`${s.resendInvite}: ${name}`}
          onClick={() =>
            resend.mutate(person.id, {
              onSuccess: (invite) => onInvite(name, invite),
              onError: () => onDone(s.failed, false),
            })
          }
        >
          {s.resendInvite}
        </Button>
      )}
      <Button
        size="xs"
        variant="default"
        aria-label={`${s.editRoles}: ${name}`}
        onClick={() => setEditing(true)}
      >
        {s.editRoles}
      </Button>
      {editing && (
        <RolesDialog
          person={person}
          opened={editing}
          pending={action.isPending}
          onClose={() => setEditing(false)}
          onSave={(roles) => {
            setEditing(false);
            run({ kind: 'roles', id: person.id, roles });
          }}
        />
      )}
      {!person.totpEnabled && (
        <Button
          size="xs"
          variant="default"
          aria-label={`${person.totpRequired ? s.dropTotpRequirement : s.requireTotp}: ${name}`}
          onClick={() => run({ kind: 'totpRequired', id: person.id, totpRequired: !person.totpRequired })}
        >
          {person.totpRequired ? s.dropTotpRequirement : s.requireTotp}
        </Button>
      )}
    </Group>
  );
}

function RoleChats() {
  const { t, locale } = useI18n();
  const r = t.web.admin.roleChats;
  const chats = useRoleChats();
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {r.title}
        </Title>
        <Text c="gray.7">{r.intro}</Text>
        {chats.isError ? (
          <LoadFailed message={r.loadFailed} error={chats.error} onRetry={() => void chats.refetch()} />
        ) : (
          <Table verticalSpacing="xs" aria-label={r.title}>
            <Table.Tbody>
              {chats.data?.items.map((item) => (
                <Table.Tr key={item.role}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t.roles[item.role]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={item.chat ? undefined : 'red.8'}>
                      {item.chat
                        ? r.bound(item.chat.title, when(item.chat.boundAt, locale), item.chat.boundBy)
                        : r.none}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function JournalCheck() {
  const { t } = useI18n();
  const j = t.web.admin.journal;
  const verify = useVerifyJournal();
  const verdict = verify.data;
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {j.title}
        </Title>
        <Text c="gray.7">{j.intro}</Text>
        <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
          {j.verify}
        </Button>
        {verdict && (
          <Alert color={verdict.ok ? 'green' : 'red'} variant="light" role="status">
            {verdict.ok || !verdict.brokenAt
              ? j.ok(verdict.entries)
              : j.broken(verdict.brokenAt.id, j.reasons[verdict.brokenAt.reason])}
          </Alert>
        )}
        {verify.isError && (
          <Alert color="red" variant="light" role="alert">
            {j.failed}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The administrator's staff accounts and the journal check (issue 10 item 4, part). */
export function AdminStaffRoute({ me }: { me: Me }) {
  const { t } = useI18n();
  const s = t.web.admin.staff;
  const list = useStaffList(1);
  const [notice, setNotice] = useState<{ message: string; ok: boolean } | null>(null);
  const [invite, setInvite] = useState<{ name: string; invite: StaffInvite } | null>(null);
  const report = (message: string, ok: boolean) => {
    setInvite(null);
    setNotice({ message, ok });
  };
  const showInvite = (name: string, next: StaffInvite) => {
    setNotice(null);
    setInvite({ name, invite: next });
  };
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {s.title}
        </Title>
        <Text c="gray.7">{s.intro}</Text>
      </Stack>
      <Paper withBorder p="lg" radius="lg">
        <CreateStaff />
      </Paper>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.message}
        </Alert>
      )}
      {invite && (
        <Paper withBorder p="lg" radius="lg">
          <Stack gap="sm" role="status">
            <Text fw={600}>{s.inviteFor(invite.name)}</Text>
            <InviteLink invite={invite.invite} />
          </Stack>
        </Paper>
      )}
      {list.isPending ? (
        <Skeleton height={160} radius="lg" />
      ) : list.isError ? (
        <LoadFailed message={s.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder radius="lg" className="kabinet-list-paper">
          <Table verticalSpacing="sm" aria-label={s.title} className="kabinet-desktop-only">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{s.columns.name}</Table.Th>
                <Table.Th>{s.columns.roles}</Table.Th>
                <Table.Th>{s.columns.state}</Table.Th>
                <Table.Th>{s.columns.authenticator}</Table.Th>
                <Table.Th>{s.columns.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((person) => (
                <Table.Tr key={person.id} data-staff={person.email}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {person.fullName}
                    </Text>
                    <Text size="sm" c="gray.7">
                      {person.email} · {person.phone ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{person.roles.map((role) => t.roles[role]).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td className="kabinet-col-badge">
                    <ToneBadge tone={person.active ? 'green' : 'red'}>
                      {person.active ? s.active : s.locked}
                    </ToneBadge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {person.totpEnabled ? s.totpOn : person.totpRequired ? s.totpRequiredOff : s.totpOff}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StaffActions person={person} me={me} onDone={report} onInvite={showInvite} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack className="kabinet-phone-only" gap="sm" p="sm">
            {list.data.items.map((person) => (
              <Paper key={person.id} withBorder p="md" radius="md">
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600}>{person.fullName}</Text>
                    <ToneBadge tone={person.active ? 'green' : 'red'}>
                      {person.active ? s.active : s.locked}
                    </ToneBadge>
                  </Group>
                  <Text size="sm" c="gray.7">
                    {person.email} · {person.roles.map((role) => t.roles[role]).join(', ')}
                  </Text>
                  <StaffActions person={person} me={me} onDone={report} onInvite={showInvite} />
                </Stack>
              </Paper>
            ))}
          </Stack>
        </Paper>
      )}
      <RoleChats />
      <JournalCheck />
    </Stack>
  );
}
