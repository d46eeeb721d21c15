import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, PasswordInput, TextInput } from '@mantine/core';
import { AuthCard } from '../components/AuthCard.tsx';
import { api, problemMessage, setSession } from '../api.ts';

/** The invite mail lands here (DASHBOARD_URL/accept-invite?token=...): name and password, then signed in. */
export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/admin/auth/accept-invite', {
      body: { token, password, firstName, ...(lastName ? { lastName } : {}) },
    });
    setBusy(false);
    if (!data) return setError(problemMessage(error, 'This invite is not valid any more'));
    setSession(data);
    // A full load: the session provider reads the new profile.
    window.location.assign('/dashboard/');
  };
  return (
    <AuthCard title="Join the team">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <form onSubmit={submit}>
        <TextInput
          label="First name"
          required
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
        />
        <TextInput label="Last name" mt="sm" value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          required
          mt="sm"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" fullWidth mt="lg" loading={busy} disabled={!token}>
          Accept the invite
        </Button>
      </form>
    </AuthCard>
  );
}
