// API keys for scripts and integrations: a key holds some of its creator's permissions, its secret
// is shown once when made (the server keeps only a hash), and a key can be revoked at any time.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { paths } from '../../../../client/index.ts';
import { api, problemMessage } from '../api.ts';
import { done, settled } from '../components/notify.ts';
import { RecordTable, type Column } from '../components/RecordTable.tsx';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { SubmitForm } from '../components/SubmitForm.tsx';
import { formatTime } from './orders/format.ts';
import { PermissionPicker, type RolePermission } from './staff/permissions.tsx';

type ApiKey = paths['/admin/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];

function CreateKey({ onCreated }: { onCreated: (secret: string) => void }) {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<RolePermission[]>([]);
  const [expires, setExpires] = useState('');
  const submit = async () => {
    if (!permissions.length) return 'Pick at least one permission';
    const { data, error } = await api.POST('/admin/api-keys', {
      body: {
        name: name.trim(),
        permissions,
        expiresAt: expires ? new Date(`${expires}T00:00:00Z`).toISOString() : null,
      },
    });
    if (!data) return problemMessage(error, 'The key could not be created');
    onCreated(data.key);
    return null;
  };
  return (
    <SubmitForm submitLabel="Create key" onSubmit={submit}>
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
    </SubmitForm>
  );
}

const columns: Column<ApiKey>[] = [
  { header: 'Name', cell: (k) => k.name },
  { header: 'Permissions', cell: (k) => k.permissions.join(', ') },
  { header: 'Created', cell: (k) => formatTime(k.createdAt) },
  { header: 'Last used', cell: (k) => formatTime(k.lastUsedAt) },
  {
    header: 'State',
    cell: (k) => {
      const expired = k.expiresAt !== null && k.expiresAt < new Date().toISOString();
      return (
        <>
          <Badge autoContrast color={k.revokedAt ? 'red.9' : expired ? 'gray.7' : 'green.6'}>
            {k.revokedAt ? 'revoked' : expired ? 'expired' : 'active'}
          </Badge>
          {k.expiresAt && !k.revokedAt && (
            <Text size="xs" c="gray.7">
              until {formatTime(k.expiresAt)}
            </Text>
          )}
        </>
      );
    },
  },
];

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
    if (settled(await api.DELETE('/admin/api-keys/{id}', { params: { path: { id: k.id } } }), 'Revoking'))
      done(`Key ${k.name} revoked`);
    void load();
  };
  return (
    <Stack>
      <ScreenHeader title="API keys" create={{ label: 'New API key', permission: 'apikeys:manage', onClick: open }} />
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
        <RecordTable
          label="API keys"
          rows={keys}
          rowKey={(k) => k.id}
          columns={columns}
          actions={{
            permission: 'apikeys:manage',
            name: (k) => k.name,
            remove: {
              verb: 'Revoke',
              question: (k) => `Revoke the key ${k.name}? Calls made with it fail from now on.`,
              run: revoke,
            },
            fixed: (k) => k.revokedAt !== null,
          }}
        />
      )}
    </Stack>
  );
}
