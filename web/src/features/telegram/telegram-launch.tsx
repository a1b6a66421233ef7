import { Alert, Button, Center, Container, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { api, ApiError, setBearerSession, unwrap } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { onEvent, postEvent, takeInitData, telegramLaunch, type TelegramBotKind } from '../../lib/telegram';
import { meQueryKey } from '../auth/api/get-me';

type Outcome = 'signed_in' | 'not_linked' | 'refused' | 'none';

/** The exchange runs once per page load, whatever React re-renders (StrictMode mounts twice in development). */
let exchange: Promise<Outcome> | null = null;

function exchangeInitData(onSession: (user: unknown) => void): Promise<Outcome> {
  exchange ??= (async () => {
    const initData = takeInitData();
    if (!initData || !telegramLaunch) return 'none';
    try {
      const session = unwrap(
        await api.POST('/api/v1/auth/telegram', { body: { bot: telegramLaunch.bot, initData } }),
      );
      setBearerSession(session.token);
      onSession(session.user);
      return 'signed_in';
    } catch (error) {
      if (error instanceof ApiError && error.problem['reason'] === 'telegram_not_linked') return 'not_linked';
      return 'refused';
    }
  })();
  return exchange;
}

/** Someone opened the cabinet in Telegram from an account linked to no cabinet: how to link, or sign in. */
function NotLinked({ bot, onContinue }: { bot: TelegramBotKind; onContinue(): void }) {
  const { t } = useI18n();
  const x = t.web.telegram;
  return (
    <PageLayout>
      <Container size="sm" px="md" py="xl">
        <Paper withBorder p="lg" radius="lg">
          <Stack gap="md">
            <Title order={1} size="h3">
              {x.notLinkedTitle}
            </Title>
            <Text>{bot === 'staff' ? x.notLinkedStaff : x.notLinkedClient}</Text>
            <Button variant="light" onClick={onContinue} style={{ alignSelf: 'flex-start' }}>
              {x.signInInstead}
            </Button>
          </Stack>
        </Paper>
      </Container>
    </PageLayout>
  );
}

/**
 * The cabinet opened from a bot (docs/0026): before anything asks for the session, the signed launch data is
 * exchanged for one — the linked account's, or none. In a plain browser this renders its children at once.
 */
export function TelegramLaunchGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | 'pending'>(telegramLaunch?.initData ? 'pending' : 'none');
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (outcome !== 'pending') return;
    void exchangeInitData((user) => queryClient.setQueryData(meQueryKey, user)).then(setOutcome);
  }, [outcome, queryClient]);
  if (outcome === 'pending')
    return (
      <Center h="100vh" role="status" aria-label={t.web.loading}>
        <Loader />
      </Center>
    );
  if (outcome === 'not_linked' && !dismissed && telegramLaunch)
    return <NotLinked bot={telegramLaunch.bot} onContinue={() => setDismissed(true)} />;
  return (
    <>
      {outcome === 'refused' && !dismissed && (
        <Alert
          color="yellow"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setDismissed(true)}
        >
          {t.web.telegram.refused}
        </Alert>
      )}
      {children}
    </>
  );
}

/** Telegram's own Back button: shown past the first screen, it goes back as the browser's would. */
export function TelegramBackButton() {
  const location = useLocation();
  const navigate = useNavigate();
  const first = location.key === 'default';
  useEffect(() => {
    if (!telegramLaunch) return;
    postEvent('web_app_setup_back_button', { is_visible: !first });
  }, [first]);
  useEffect(() => onEvent('back_button_pressed', () => void navigate(-1)), [navigate]);
  return null;
}
