import { Anchor, Button, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import type { Me } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { UnreadBadge } from '../../features/notifications/components/unread-badge';
import { TaskCountBadge } from '../../features/tasks/components/task-count-badge';
import { hasTaskRole, seesExchange } from '../../features/auth/roles';
import { useI18n } from '../../lib/i18n';
import { PageLayout } from './page-layout';

/**
 * The signed-in frame: the branded header with sign-out and the language, the sections as a navigation row (one
 * row on a desktop, a row that scrolls sideways on a phone: no hidden menu to find), then the page.
 */
export function AppFrame({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useI18n();
  const logout = useLogout();
  const nav = t.web.shell.nav;
  const location = useLocation();
  const hasTasks = hasTaskRole(me);
  return (
    <PageLayout
      actions={
        <Button
          variant="white"
          size="xs"
          className="kabinet-signout"
          onClick={() => logout.mutate()}
          loading={logout.isPending}
        >
          {t.web.shell.signOut}
        </Button>
      }
      navigation={
        <nav className="kabinet-nav" aria-label={nav.label}>
          <Container size="lg" className="kabinet-nav-row">
            {hasTasks && (
              <NavLink to="/tasks" className="kabinet-nav-link">
                {nav.tasks}
                <TaskCountBadge />
              </NavLink>
            )}
            <NavLink to="/requests" end className="kabinet-nav-link">
              {me.kind === 'client' ? nav.requests : nav.allRequests}
            </NavLink>
            {me.kind === 'client' && (
              <NavLink to="/requests/new" className="kabinet-nav-link">
                {nav.newRequest}
              </NavLink>
            )}
            {me.roles.includes('client_manager') && (
              <NavLink to="/onboarding" className="kabinet-nav-link">
                {nav.applications}
              </NavLink>
            )}
            <NavLink to="/notifications" className="kabinet-nav-link">
              {nav.notifications}
              <UnreadBadge />
            </NavLink>
            {me.roles.includes('admin') && (
              <NavLink to="/admin/staff" className="kabinet-nav-link">
                {nav.staff}
              </NavLink>
            )}
            {me.roles.includes('admin') && (
              <NavLink to="/admin/clients" className="kabinet-nav-link">
                {nav.clients}
              </NavLink>
            )}
            {seesExchange(me) && (
              <NavLink to="/admin/exchange" className="kabinet-nav-link">
                {nav.exchange}
              </NavLink>
            )}
            <NavLink to="/profile" className="kabinet-nav-link">
              {nav.profile}
            </NavLink>
            {me.sandbox && (
              <NavLink to="/sandbox" className="kabinet-nav-link">
                {t.web.sandbox.nav}
              </NavLink>
            )}
          </Container>
        </nav>
      }
    >
      <Container size="lg" p={0}>
        {me.kind === 'staff' && !me.totpEnabled && location.pathname !== '/profile' && (
          <Paper withBorder radius="md" p="sm" mb="md" role="note">
            <Group gap="sm" justify="space-between">
              <Text size="sm">{t.web.profile.totp.reminder}</Text>
              <Anchor component={Link} to="/profile" size="sm">
                {t.web.profile.totp.reminderLink}
              </Anchor>
            </Group>
          </Paper>
        )}
        {children}
      </Container>
    </PageLayout>
  );
}
