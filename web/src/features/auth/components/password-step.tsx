import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useLogin, type LoginChallenge } from '../api/login';
import { ProblemAlert } from './problem-alert';

/** Login (email or phone) and password; on success the server has sent a code. */
export function PasswordStep({ onChallenge }: { onChallenge(challenge: LoginChallenge): void }) {
  const { t } = useI18n();
  const login = useLogin();
  const [form, setForm] = useState({ login: '', password: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(form, { onSuccess: onChallenge });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t.web.signIn.login}
          name="login"
          autoComplete="username"
          required
          value={form.login}
          onChange={(event) => setForm({ ...form, login: event.currentTarget.value })}
        />
        <PasswordInput
          label={t.web.signIn.password}
          name="password"
          autoComplete="current-password"
          required
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.currentTarget.value })}
        />
        {login.isError && <ProblemAlert key={login.submittedAt} error={login.error} />}
        <Button type="submit" size="md" loading={login.isPending} disabled={!form.login || !form.password}>
          {t.web.signIn.submit}
        </Button>
      </Stack>
    </form>
  );
}
