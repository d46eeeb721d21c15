import { Alert, Stack, Title } from '@mantine/core';

/** A screen still to come: its title and what it will hold. */
export function Placeholder({ title, description }: { title: string; description: string }) {
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Alert color="gray" title="Coming soon">
        {description}
      </Alert>
    </Stack>
  );
}
