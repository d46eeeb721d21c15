import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, TextInput } from '@mantine/core';
import { AuthCard } from '../components/AuthCard.tsx';
import { api, problemMessage } from '../api.ts';

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/admin/auth/password-reset', { body: { email } });
    setMessage(data ? { ok: true, text: data.detail } : { ok: false, text: problemMessage(error) });
    setBusy(false);
  };
  return (
    <AuthCard title="Reset your password">
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <form onSubmit={submit}>
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" fullWidth mt="lg" loading={busy}>
          Mail me a reset link
        </Button>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm">
        Back to sign-in
      </Anchor>
    </AuthCard>
  );
}
