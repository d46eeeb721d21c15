// API keys for scripts and integrations: a key holds some of its creator's permissions, its secret
// is shown once when made (the server keeps only a hash), and a key can be revoked at any time.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { paths } from '../../../../client/index.ts';
import { api, problemMessage } from '../api.ts';
import { formatTime } from './orders/format.ts';
import { PermissionPicker, type RolePermission } from './staff/permissions.tsx';

type ApiKey = paths['/admin/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];

function CreateKey({ onCreated }: { onCreated: (secret: string) => void }) {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<RolePermission[]>([]);
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!permissions.length) return setError('Pick at least one permission');
    setBusy(true);
    const { data, error: e } = await api.POST('/admin/api-keys', {
      body: {
        name: name.trim(),
        permissions,
        expiresAt: expires ? new Date(`${expires}T00:00:00Z`).toISOString() : null,
      },
    });
    setBusy(false);
    if (!data) return setError(problemMessage(e, 'The key could not be created'));
    onCreated(data.key);
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
          label="Key name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label="Expires on (optional, UTC)"
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        <PermissionPicker label="Permissions" value={permissions} onChange={setPermissions} />
        <Group justify="flex-end">
          <Button color="indigo.8" type="submit" loading={busy}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ApiKeysPage() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [creating, { open, close }] = useDisclosure();
  const load = useCallback(async () => {
    const { data, error: e } = await api.GET('/admin/api-keys');
    setKeys(data?.items ?? []);
    setError(data ? null : problemMessage(e, 'The keys could not be read'));
  }, []);
  useEffect(() => void load(), [load]);
  const revoke = async (k: ApiKey) => {
    if (!window.confirm(`Revoke the key ${k.name}? Calls made with it fail from now on.`)) return;
    const { data, error: e } = await api.DELETE('/admin/api-keys/{id}', { params: { path: { id: k.id } } });
    if (!data)
      notifications.show({
        closeButtonProps: { 'aria-label': 'Dismiss' },
        color: 'red',
        message: problemMessage(e, 'Could not revoke'),
      });
    void load();
  };
  return (
    <Stack>
      <Title order={1}>API keys</Title>
      <Group>
        <Button color="indigo.8" onClick={open}>
          New API key
        </Button>
      </Group>
      <Modal opened={creating} onClose={close} title="New API key" size="lg">
        {creating && (
          <CreateKey
            onCreated={(s) => {
              close();
              setSecret(s);
              void load();
            }}
          />
        )}
      </Modal>
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title="Your new API key">
        <Stack>
          <Text size="sm">Copy it now: it is shown this once and cannot be read again.</Text>
          <Code block aria-label="API key secret">
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            <Button color="indigo.8" onClick={() => setSecret(null)}>
              Done
            </Button>
          </Group>
        </Stack>
      </Modal>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!keys ? (
        <Loader aria-label="Loading API keys" />
      ) : (
        <Table aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Permissions</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => {
              const expired = k.expiresAt !== null && k.expiresAt < new Date().toISOString();
              return (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td>{k.permissions.join(', ')}</Table.Td>
                  <Table.Td>{formatTime(k.createdAt)}</Table.Td>
                  <Table.Td>{formatTime(k.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge autoContrast color={k.revokedAt ? 'red.9' : expired ? 'gray.7' : 'green.6'}>
                      {k.revokedAt ? 'revoked' : expired ? 'expired' : 'active'}
                    </Badge>
                    {k.expiresAt && !k.revokedAt && (
                      <Text size="xs" c="gray.7">
                        until {formatTime(k.expiresAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!k.revokedAt && (
                      <Button
                        size="xs"
                        color="red"
                        variant="default"
                        onClick={() => void revoke(k)}
                        aria-label={`Revoke ${k.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
