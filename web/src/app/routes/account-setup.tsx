import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { PageLayout } from '../../components/ui/page-layout';
import type { Me } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { AuthenticatorEnrolment } from '../../features/profile/components/authenticator-enrolment';
import { PasswordChange } from '../../features/profile/components/password-change';
import { useI18n } from '../../lib/i18n';

/** What a session must do before the cabinet opens: replace an initial password, then enrol a required app. */
export function needsSetup(me: Me): boolean {
  return me.passwordChangeRequired || me.authenticatorRequired;
}

/**
 * The one screen such a session gets (the API answers everything else with 403): a new password first, then the
 * authenticator an administrator requires. When it is done the person's own page opens in place.
 */
export function AccountSetupRoute({ me }: { me: Me }) {
  const { t } = useI18n();
  const x = t.web.profile.setup;
  const logout = useLogout();
  const password = me.passwordChangeRequired;
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
    >
      <Container size="sm" px="md" py="xl">
        <Paper withBorder p="lg" radius="lg">
          <Stack gap="md">
            <Title order={1} size="h3">
              {password ? x.passwordTitle : x.totpTitle}
            </Title>
            <Text>{password ? x.passwordIntro : x.totpIntro}</Text>
            {password ? <PasswordChange /> : <AuthenticatorEnrolment enabled={false} startOpen />}
          </Stack>
        </Paper>
      </Container>
    </PageLayout>
  );
}
