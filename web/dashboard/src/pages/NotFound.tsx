import { Link } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';

export function NotFoundPage() {
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no such page, or your roles do not open it.{' '}
        <Anchor component={Link} to="/">
          Home
        </Anchor>
      </Text>
    </Stack>
  );
}
