// Roles and their permissions: built-in roles are shown and fixed; custom ones are created, edited
// and deleted by staff holding staff:manage.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { Can, useSession } from '../../session.tsx';
import { PermissionPicker, type RolePermission } from './permissions.tsx';

export type Role = paths['/admin/roles']['get']['responses'][200]['content']['application/json']['items'][number];

function RoleForm({ role, onClose, onSaved }: { role: Role | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  // null until the picker is touched: an edit then leaves the role's permissions as they are.
  const [permissions, setPermissions] = useState<RolePermission[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const body = { name: name.trim(), description: description.trim() || null };
    const { data, error: e } = role
      ? await api.PATCH('/admin/roles/{id}', {
          params: { path: { id: role.id } },
          body: permissions ? { ...body, permissions } : body,
        })
      : await api.POST('/admin/roles', { body: { ...body, permissions: permissions ?? [] } });
    setBusy(false);
    if (!data) return setError(problemMessage(e, 'The role could not be saved'));
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Role ${data.name} saved`,
    });
    onSaved();
    onClose();
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
        <TextInput
          label="Role name"
          description="Lower case letters, digits, - and _"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <PermissionPicker
          label="Permissions"
          value={permissions ?? role?.permissions ?? []}
          onChange={setPermissions}
        />
        <Group justify="flex-end">
          <Button color="indigo.8" type="submit" loading={busy}>
            Save role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RolesPanel({ roles, onChanged }: { roles: Role[]; onChanged: () => void }) {
  const { can } = useSession();
  const [editing, setEditing] = useState<Role | null>(null);
  const [opened, { open, close }] = useDisclosure();
  const edit = (r: Role | null) => {
    setEditing(r);
    open();
  };
  const remove = async (r: Role) => {
    if (!window.confirm(`Delete the role ${r.name}? Its members lose it.`)) return;
    const { error, response } = await api.DELETE('/admin/roles/{id}', { params: { path: { id: r.id } } });
    if (!response.ok)
      notifications.show({
        closeButtonProps: { 'aria-label': 'Dismiss' },
        color: 'red',
        message: problemMessage(error, 'Could not delete'),
      });
    onChanged();
  };
  return (
    <Stack>
      <Can permission="staff:manage">
        <Group>
          <Button color="indigo.8" onClick={() => edit(null)}>
            New role
          </Button>
        </Group>
      </Can>
      <Modal opened={opened} onClose={close} title={editing ? `Edit role ${editing.name}` : 'New role'} size="lg">
        {opened && <RoleForm key={editing?.id ?? 'new'} role={editing} onClose={close} onSaved={onChanged} />}
      </Modal>
      <Table aria-label="Roles">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Role</Table.Th>
            <Table.Th>Permissions</Table.Th>
            {can('staff:manage') && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text fw={600}>{r.name}</Text>
                {r.builtIn && (
                  <Badge autoContrast variant="default">
                    built-in
                  </Badge>
                )}
                {r.description && (
                  <Text size="xs" c="gray.7">
                    {r.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.permissions.map((p) => (
                    <Badge autoContrast key={p} size="xs" variant="default">
                      {p}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              {can('staff:manage') && (
                <Table.Td>
                  {!r.builtIn && (
                    <Group gap="xs">
                      <Button size="xs" variant="default" onClick={() => edit(r)} aria-label={`Edit role ${r.name}`}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="default"
                        onClick={() => void remove(r)}
                        aria-label={`Delete role ${r.name}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
