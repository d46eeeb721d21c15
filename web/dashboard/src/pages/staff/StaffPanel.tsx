// Staff members with their roles and state: invite (an email with a link), change roles,
// deactivate. Changing anything needs staff:manage; without it the list is read-only.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, MultiSelect, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { Can, useSession } from '../../session.tsx';
import { SubmitForm } from '../../components/SubmitForm.tsx';
import { Pager, useCursorPages } from '../orders/paging.tsx';

type StaffPage = paths['/admin/staff']['get']['responses'][200]['content']['application/json'];
type Member = StaffPage['items'][number];

function RolesModal({
  title,
  roleNames,
  initial,
  withEmail,
  opened,
  onClose,
  onSubmit,
}: {
  title: string;
  roleNames: string[];
  initial: string[];
  withEmail: boolean;
  opened: boolean;
  onClose: () => void;
  onSubmit: (email: string, roles: string[]) => Promise<string | null>;
}) {
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState(initial);
  const submit = async () => {
    const error = await onSubmit(email.trim(), roles);
    if (!error) onClose();
    return error;
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <SubmitForm submitLabel={withEmail ? 'Send invite' : 'Save roles'} onSubmit={submit}>
        {withEmail && (
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        )}
        <MultiSelect label="Roles" data={roleNames} value={roles} onChange={setRoles} searchable />
      </SubmitForm>
    </Modal>
  );
}

function MemberRow({ m, roleNames, onChanged }: { m: Member; roleNames: string[]; onChanged: () => void }) {
  const { me } = useSession();
  const [opened, { open, close }] = useDisclosure();
  const saveRoles = async (_email: string, roles: string[]) => {
    const { data, error } = await api.PUT('/admin/staff/{id}/roles', {
      params: { path: { id: m.id } },
      body: { roles },
    });
    if (!data) return problemMessage(error, 'The roles could not be changed');
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Roles of ${m.email} saved`,
    });
    onChanged();
    return null;
  };
  const deactivate = async () => {
    if (!window.confirm(`Deactivate ${m.email}? Their sessions end at once.`)) return;
    const { data, error } = await api.POST('/admin/staff/{id}/deactivate', { params: { path: { id: m.id } } });
    if (!data)
      notifications.show({
        closeButtonProps: { 'aria-label': 'Dismiss' },
        color: 'red',
        message: problemMessage(error, 'Could not deactivate'),
      });
    onChanged();
  };
  return (
    <Table.Tr>
      <Table.Td>{m.email}</Table.Td>
      <Table.Td>{[m.firstName, m.lastName].filter(Boolean).join(' ') || '—'}</Table.Td>
      <Table.Td>
        <Badge autoContrast color={m.status === 'active' ? 'green.6' : m.status === 'invited' ? 'yellow.6' : 'gray.7'}>
          {m.status}
        </Badge>
      </Table.Td>
      <Table.Td>{m.roles.join(', ') || '—'}</Table.Td>
      <Can permission="staff:manage">
        <Table.Td>
          {m.status !== 'deactivated' && m.id !== me?.id && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={open} aria-label={`Change roles of ${m.email}`}>
                Change roles
              </Button>
              <Button size="xs" color="red" variant="default" onClick={deactivate} aria-label={`Deactivate ${m.email}`}>
                Deactivate
              </Button>
              {opened && (
                <RolesModal
                  title={`Roles of ${m.email}`}
                  roleNames={roleNames}
                  initial={m.roles}
                  withEmail={false}
                  opened={opened}
                  onClose={close}
                  onSubmit={saveRoles}
                />
              )}
            </Group>
          )}
        </Table.Td>
      </Can>
    </Table.Tr>
  );
}

export function StaffPanel({ roleNames }: { roleNames: string[] }) {
  const { can } = useSession();
  const pages = useCursorPages();
  const [data, setData] = useState<StaffPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviting, { open, close }] = useDisclosure();
  const load = useCallback(async () => {
    const { data: d, error: e } = await api.GET('/admin/staff', {
      params: { query: { limit: 50, cursor: pages.cursor } },
    });
    setData(d ?? null);
    setError(d ? null : problemMessage(e, 'The staff could not be read'));
  }, [pages.cursor]);
  useEffect(() => void load(), [load]);
  const invite = async (email: string, roles: string[]) => {
    const { data: d, error: e } = await api.POST('/admin/staff/invites', { body: { email, roles } });
    if (!d) return problemMessage(e, 'The invite could not be sent');
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Invite sent to ${email}`,
    });
    void load();
    return null;
  };
  return (
    <Stack>
      <Can permission="staff:manage">
        <Group>
          <Button color="indigo.8" onClick={open}>
            Invite staff
          </Button>
        </Group>
        {inviting && (
          <RolesModal
            title="Invite a staff member"
            roleNames={roleNames}
            initial={[]}
            withEmail
            opened={inviting}
            onClose={close}
            onSubmit={invite}
          />
        )}
      </Can>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!data && !error && <Loader aria-label="Loading staff" />}
      <Table aria-label="Staff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Roles</Table.Th>
            {can('staff:manage') && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.items ?? []).map((m) => (
            <MemberRow key={m.id} m={m} roleNames={roleNames} onChanged={() => void load()} />
          ))}
        </Table.Tbody>
      </Table>
      <Pager pages={pages} nextCursor={data?.nextCursor} />
    </Stack>
  );
}
