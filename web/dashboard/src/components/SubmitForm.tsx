// A form with the server's refusal shown above its fields and a busy submit button below them.
// `onSubmit` answers the message to show, or null once done.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';

export function SubmitForm({
  submitLabel,
  onSubmit,
  children,
}: {
  submitLabel: string;
  onSubmit(): Promise<string | null>;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      setError(await onSubmit());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {children}
        <Group justify="flex-end">
          <Button color="indigo.8" type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
