import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';

function Crashed() {
  const { t } = useI18n();
  const c = t.web.crashed;
  return (
    <Stack maw={560} mx="auto" my="xl" px="md">
      <Alert color="red" variant="light" role="alert" title={c.title}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{c.text}</Text>
          <Button size="sm" onClick={() => window.location.reload()}>
            {c.reload}
          </Button>
        </Stack>
      </Alert>
    </Stack>
  );
}

interface State {
  failed: boolean;
}

/**
 * A render error or a screen's code that failed to load (a new release replaced its chunk) shows a page that
 * says what happened and offers a reload, never a blank page (issue 9 item 10). `resetKey` (the address) lets
 * the person navigate away from a failed screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { failed: false };
  private failedAt: string | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.failedAt = this.props.resetKey;
    // The console is the one place a developer sees it; no personal data is in a render error's stack.
    console.error('the cabinet failed to render', error, info.componentStack);
  }

  override componentDidUpdate(): void {
    if (this.state.failed && this.props.resetKey !== this.failedAt) this.setState({ failed: false });
  }

  override render(): ReactNode {
    return this.state.failed ? <Crashed /> : this.props.children;
  }
}
