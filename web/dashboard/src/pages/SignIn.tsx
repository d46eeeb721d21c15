import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, TextInput } from '@mantine/core';
import { AuthCard } from '../components/AuthCard.tsx';
import { useSession } from '../session.tsx';

export function SignInPage() {
  const { me, signIn } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state: unknown = location.state;
  const from =
    state && typeof state === 'object' && 'from' in state && typeof state.from === 'string' ? state.from : '/';
  if (me) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // On success the session has a profile and the <Navigate> above takes over.
    setError(await signIn(email, password));
    setBusy(false);
  };
  return (
    <AuthCard title="Sign in">
      <form onSubmit={submit}>
        {error && (
          <Alert color="red" role="alert" mb="sm">
            {error}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          mt="sm"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" fullWidth mt="lg" loading={busy}>
          Sign in
        </Button>
      </form>
      <Anchor component={Link} to="/forgot-password" size="sm">
        Forgot your password?
      </Anchor>
    </AuthCard>
  );
}
