import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { PageLayout } from '../../components/ui/page-layout';
import type { Me } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { useI18n } from '../../lib/i18n';

export function HomeRoute({ me }: { me: Me }) {
  const { t } = useI18n();
  const logout = useLogout();
  return (
    <PageLayout
      actions={
        <Button variant="white" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t.web.home.signOut}
        </Button>
      }
    >
      <Container size="lg">
        <Paper withBorder p="xl" radius="lg">
          <Stack gap="sm">
            <Title order={2}>{t.web.home.greeting(me.fullName)}</Title>
            <Text c="dimmed">{t.web.home.intro}</Text>
          </Stack>
        </Paper>
      </Container>
    </PageLayout>
  );
}
