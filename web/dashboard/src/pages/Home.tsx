import { Link } from 'react-router';
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../session.tsx';
import { pageRoutes } from '../routes.tsx';

/** The landing page: a greeting and the sections this staff member may open. */
export function HomePage() {
  const { me, can } = useSession();
  const sections = pageRoutes.filter((r) => can(r.permission));
  return (
    <Stack>
      <Title order={1}>Welcome{me?.firstName ? `, ${me.firstName}` : ''}</Title>
      <Text>
        Signed in as {me?.email}
        {me?.roles.length ? ` (${me.roles.join(', ')})` : ''}.
      </Text>
      {sections.length ? (
        <List>
          {sections.map((r) => (
            <List.Item key={r.path}>
              <Anchor component={Link} to={`/${r.path}`}>
                {r.label}
              </Anchor>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text c="dimmed">Your roles give you no section of the dashboard yet: ask an owner.</Text>
      )}
    </Stack>
  );
}
