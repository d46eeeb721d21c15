// Roles and their permissions: built-in roles are shown and fixed; custom ones are created, edited
// and deleted by staff holding staff:manage.
import { useState } from 'react';
import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { Can } from '../../session.tsx';
import { EditorModal, type Editing } from '../../components/EditorModal.tsx';
import { done, settled } from '../../components/notify.ts';
import { RecordTable, type Column } from '../../components/RecordTable.tsx';
import { SubmitForm } from '../../components/SubmitForm.tsx';
import { PermissionPicker, type RolePermission } from './permissions.tsx';

export type Role = paths['/admin/roles']['get']['responses'][200]['content']['application/json']['items'][number];

function RoleForm({ role, onSaved }: { role?: Role; onSaved: () => void }) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  // null until the picker is touched: an edit then leaves the role's permissions as they are.
  const [permissions, setPermissions] = useState<RolePermission[] | null>(null);
  const submit = async () => {
    const body = { name: name.trim(), description: description.trim() || null };
    const { data, error } = role
      ? await api.PATCH('/admin/roles/{id}', {
          params: { path: { id: role.id } },
          body: permissions ? { ...body, permissions } : body,
        })
      : await api.POST('/admin/roles', { body: { ...body, permissions: permissions ?? [] } });
    if (!data) return problemMessage(error, 'The role could not be saved');
    done(`Role ${data.name} saved`);
    onSaved();
    return null;
  };
  return (
    <SubmitForm submitLabel="Save role" onSubmit={submit}>
      <TextInput
        label="Role name"
        description="Lower case letters, digits, - and _"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <PermissionPicker label="Permissions" value={permissions ?? role?.permissions ?? []} onChange={setPermissions} />
    </SubmitForm>
  );
}

const columns: Column<Role>[] = [
  {
    header: 'Role',
    cell: (r) => (
      <>
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
      </>
    ),
  },
  {
    header: 'Permissions',
    cell: (r) => (
      <Group gap={4}>
        {r.permissions.map((p) => (
          <Badge autoContrast key={p} size="xs" variant="default">
            {p}
          </Badge>
        ))}
      </Group>
    ),
  },
];

export function RolesPanel({ roles, onChanged }: { roles: Role[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<Editing<Role>>(null);
  const remove = async (r: Role) => {
    if (settled(await api.DELETE('/admin/roles/{id}', { params: { path: { id: r.id } } }), 'Deleting')) {
      done(`Role ${r.name} deleted`);
      onChanged();
    }
  };
  return (
    <Stack>
      <Can permission="staff:manage">
        <Group>
          <Button color="indigo.8" onClick={() => setEditing('new')}>
            New role
          </Button>
        </Group>
      </Can>
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        title={(r) => (r ? `Edit role ${r.name}` : 'New role')}
        size="lg"
      >
        {(r) => (
          <RoleForm
            key={r?.id ?? 'new'}
            role={r}
            onSaved={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </EditorModal>
      <RecordTable
        label="Roles"
        rows={roles}
        rowKey={(r) => r.id}
        columns={columns}
        actions={{
          permission: 'staff:manage',
          name: (r) => `role ${r.name}`,
          edit: (r) => setEditing(r),
          remove: { verb: 'Delete', question: (r) => `Delete the role ${r.name}? Its members lose it.`, run: remove },
          fixed: (r) => r.builtIn,
        }}
      />
    </Stack>
  );
}
