import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, PasswordInput } from '@mantine/core';
import { AuthCard } from '../components/AuthCard.tsx';
import { api, problemMessage } from '../api.ts';

/** The mailed link lands here (DASHBOARD_URL/reset-password?token=...): a new password, once. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { error, response } = await api.POST('/admin/auth/password-reset/confirm', { body: { token, password } });
    setMessage(
      response.ok
        ? { ok: true, text: 'Your password is changed: sign in with it.' }
        : { ok: false, text: problemMessage(error, 'This link is not valid any more') },
    );
    setBusy(false);
  };
  return (
    <AuthCard title="Choose a new password">
      {!token && <Alert color="red">This page needs the link from the reset mail.</Alert>}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <form onSubmit={submit}>
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" fullWidth mt="lg" loading={busy} disabled={!token}>
          Set password
        </Button>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm">
        Sign in
      </Anchor>
    </AuthCard>
  );
}
