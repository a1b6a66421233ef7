import { Alert, Anchor, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { useMe } from '../../features/auth/api/get-me';
import type { LoginChallenge } from '../../features/auth/api/login';
import { CodeStep } from '../../features/auth/components/code-step';
import { PasswordStep } from '../../features/auth/components/password-step';
import { safeNext } from '../../features/auth/next-path';
import { useI18n } from '../../lib/i18n';

export function SignInRoute() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const next = safeNext(params.get('next'));
  if (me.data) return <Navigate to={next} replace />;
  return (
    <PageLayout>
      <Container size={420} p={0}>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="lg">
            <Title order={2}>{challenge ? t.web.signIn.codeTitle : t.web.signIn.title}</Title>
            {params.has('expired') && !challenge && (
              <Alert color="yellow">{t.web.signIn.sessionExpired}</Alert>
            )}
            {challenge ? (
              <CodeStep
                challenge={challenge}
                onBack={() => setChallenge(null)}
                onSignedIn={() => navigate(next, { replace: true })}
              />
            ) : (
              <PasswordStep onChallenge={setChallenge} />
            )}
          </Stack>
        </Paper>
        {!challenge && (
          <Text size="sm" ta="center" mt="md">
            {t.web.onboarding.notClient}{' '}
            <Anchor component={Link} to="/open-account">
              {t.web.onboarding.openAccount}
            </Anchor>
          </Text>
        )}
      </Container>
    </PageLayout>
  );
}
