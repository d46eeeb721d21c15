// Staff & roles: the team (invite, roles, deactivate) and the roles they are given, in two tabs.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { api, problemMessage } from '../api.ts';
import { RolesPanel, type Role } from './staff/RolesPanel.tsx';
import { StaffPanel } from './staff/StaffPanel.tsx';

export default function StaffPage() {
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<string | null>(null);
  const loadRoles = useCallback(async () => {
    const { data, error: e } = await api.GET('/admin/roles');
    setRoles(data?.items ?? []);
    setError(data ? null : problemMessage(e, 'The roles could not be read'));
  }, []);
  useEffect(() => void loadRoles(), [loadRoles]);
  return (
    <Stack>
      <Title order={1}>Staff & roles</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Tabs defaultValue="staff">
        <Tabs.List>
          <Tabs.Tab value="staff">Staff</Tabs.Tab>
          <Tabs.Tab value="roles">Roles</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="staff" pt="md">
          <StaffPanel roleNames={roles.map((r) => r.name)} />
        </Tabs.Panel>
        <Tabs.Panel value="roles" pt="md">
          <RolesPanel roles={roles} onChanged={() => void loadRoles()} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
