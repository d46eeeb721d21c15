// The frame of every signed-in page: Mantine's AppShell with the navigation entries this staff
// member's permissions allow (routes.tsx), who is signed in, and sign-out.
import { Suspense } from 'react';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { AppShell, Burger, Button, Center, Group, Loader, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useSession } from '../session.tsx';
import { pageRoutes } from '../routes.tsx';

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { me, can, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = pageRoutes.filter((r) => can(r.permission));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              Tessera
            </Title>
          </Group>
          <Group>
            <Text size="sm" c="dimmed">
              {me?.email}
            </Text>
            <Button
              variant="subtle"
              size="xs"
              onClick={async () => {
                await signOut();
                navigate('/sign-in');
              }}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          <nav aria-label="Sections">
            {entries.map((r) => (
              <NavLink
                key={r.path}
                component={RouterLink}
                to={`/${r.path}`}
                label={r.label}
                active={location.pathname === `/${r.path}` || location.pathname.startsWith(`/${r.path}/`)}
                onClick={close}
              />
            ))}
          </nav>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center h="40vh">
              <Loader aria-label="Loading" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
