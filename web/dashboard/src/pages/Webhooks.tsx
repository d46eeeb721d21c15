// Webhooks: the endpoints (create, edit, delete, rotate the signing secret, shown once) and the
// log of their deliveries below.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../api.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { done, settled } from '../components/notify.ts';
import { must, useLoad } from '../components/useLoad.ts';
import { Deliveries } from '../components/webhooks/Deliveries.tsx';
import { EndpointForm, type Endpoint } from '../components/webhooks/EndpointForm.tsx';
import { SecretOnce } from '../components/webhooks/SecretOnce.tsx';

export default function WebhooksPage() {
  const endpoints = useLoad(async () => must(await api.GET('/admin/webhooks')).items, []);
  const [editing, setEditing] = useState<Endpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const remove = async (e: Endpoint) => {
    if (settled(await api.DELETE('/admin/webhooks/{id}', { params: { path: { id: e.id } } }), 'Deleting')) {
      done('Endpoint deleted');
      endpoints.reload();
    }
  };
  const rotate = async (e: Endpoint) => {
    const answer = await api.POST('/admin/webhooks/{id}/rotate-secret', { params: { path: { id: e.id } }, body: {} });
    if (settled(answer, 'Rotating the secret') && answer.data) {
      setSecret(answer.data.secret);
      endpoints.reload();
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Webhooks</Title>
        <Button onClick={() => setEditing('new')}>New endpoint</Button>
      </Group>
      {endpoints.error && <Alert color="red">{endpoints.error}</Alert>}
      <Table striped aria-label="Endpoints">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>URL</Table.Th>
            <Table.Th>Events</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Failures in a row</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(endpoints.data ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm">{e.url}</Text>
                {e.description && (
                  <Text size="xs" c="dimmed">
                    {e.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{e.eventTypes.join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" c="dark.8" color={e.enabled ? 'green' : 'gray'}>
                  {e.enabled ? 'enabled' : 'disabled'}
                </Badge>
                {e.disabledReason && (
                  <Text size="xs" c="dimmed">
                    {e.disabledReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{e.consecutiveFailures}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setEditing(e)} aria-label={`Edit ${e.url}`}>
                    Edit
                  </Button>
                  <ConfirmButton
                    color="indigo"
                    question="Rotate the signing secret? The old one keeps working for a day."
                    confirmLabel="Rotate"
                    onConfirm={() => rotate(e)}
                    aria-label={`Rotate secret of ${e.url}`}
                  >
                    Rotate secret
                  </ConfirmButton>
                  <ConfirmButton
                    question={`Delete ${e.url}?`}
                    confirmLabel="Delete"
                    onConfirm={() => remove(e)}
                    aria-label={`Delete ${e.url}`}
                  >
                    Delete
                  </ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {endpoints.data?.length === 0 && <Text c="dimmed">No endpoints yet.</Text>}
      <Deliveries endpoints={endpoints.data ?? []} />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New endpoint' : 'Edit endpoint'}
        size="lg"
      >
        {editing !== null && (
          <EndpointForm
            endpoint={editing === 'new' ? undefined : editing}
            onSaved={(s) => {
              done('Endpoint saved');
              setEditing(null);
              setSecret(s);
              endpoints.reload();
            }}
          />
        )}
      </Modal>
      <SecretOnce secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
