import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { api, ApiError, unwrap } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

/**
 * `/activate#<secret>`: a new client's first password (issue 12 item 5). The secret stays in the fragment (never
 * sent in an address) and leaves the address bar at once; the server checks it with the password.
 */
/** The secret once taken from the address: a second mount of the page (the shell settling) finds the hash gone. */
let taken = '';

function takeSecret(): string {
  const secret = window.location.hash.replace(/^#/, '');
  if (secret) {
    taken = secret;
    window.history.replaceState(window.history.state, '', window.location.pathname);
  }
  return taken;
}

export function ActivateRoute() {
  const { t } = useI18n();
  const a = t.web.activate;
  const [token] = useState(takeSecret);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const activate = useMutation({
    mutationFn: async () => {
      unwrap(await api.POST('/api/v1/auth/activate', { body: { token, password } }));
    },
  });
  const error = activate.error instanceof ApiError ? activate.error : null;
  const invalid = token.length < 20 || error?.status === 404;
  const mismatch = submitted && repeat !== password;
  const passwordError = (error?.problem['errors'] as Record<string, string[]> | undefined)?.[
    'password'
  ]?.join('; ');
  return (
    <PageLayout>
      <Container size={460} p={0}>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="lg">
            <Title order={1} size="h2">
              {a.title}
            </Title>
            {activate.isSuccess ? (
              <Stack gap="md">
                <Alert color="green" variant="light" role="status">
                  {a.done}
                </Alert>
                <Button component={Link} to="/sign-in">
                  {a.signIn}
                </Button>
              </Stack>
            ) : invalid ? (
              <Alert color="yellow" role="alert">
                {a.invalid}
              </Alert>
            ) : (
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  setSubmitted(true);
                  if (repeat === password && password !== '') activate.mutate();
                }}
              >
                <Stack gap="md">
                  <Text>{a.intro}</Text>
                  <PasswordInput
                    label={a.password}
                    description={a.passwordHint}
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    autoComplete="new-password"
                    required
                    error={passwordError}
                  />
                  <PasswordInput
                    label={a.repeat}
                    value={repeat}
                    onChange={(event) => setRepeat(event.currentTarget.value)}
                    autoComplete="new-password"
                    required
                    error={mismatch ? a.mismatch : undefined}
                  />
                  {error && !passwordError && (
                    <Alert color="red" variant="light" role="alert">
                      {a.failed}
                    </Alert>
                  )}
                  <Button type="submit" loading={activate.isPending}>
                    {a.submit}
                  </Button>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      </Container>
    </PageLayout>
  );
}
