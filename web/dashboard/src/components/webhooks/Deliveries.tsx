// The deliveries log: each delivery's event, status, attempts, last HTTP status and latency;
// opened, its every attempt with the receiver's response excerpt; a failed one can be sent again.
import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../../api.ts';
import { dateTime } from '../format.ts';
import { done, settled } from '../notify.ts';
import { must, useLoad } from '../useLoad.ts';
import type { Endpoint } from './EndpointForm.tsx';

type Status = 'pending' | 'succeeded' | 'failed';
const statusColor = (s: string) => (s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : 'yellow');

export function Deliveries({ endpoints }: { endpoints: Endpoint[] }) {
  const [endpointId, setEndpointId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const list = useLoad(
    async () =>
      must(
        await api.GET('/admin/webhooks/deliveries', {
          params: { query: { endpointId: endpointId ?? undefined, status: status ?? undefined, cursor, limit: 50 } },
        }),
      ),
    [endpointId, status, cursor],
  );
  const redeliver = async (id: string) => {
    const answer = await api.POST('/admin/webhooks/deliveries/{id}/redeliver', { params: { path: { id } } });
    if (settled(answer, 'Redelivery')) {
      done('Queued for redelivery');
      list.reload();
    }
  };
  const urlOf = (id: string) => endpoints.find((e) => e.id === id)?.url ?? id.slice(0, 8);
  return (
    <Stack>
      <Title order={2} size="h3">
        Deliveries
      </Title>
      <Group>
        <Select
          label="Endpoint"
          clearable
          placeholder="All"
          value={endpointId}
          data={endpoints.map((e) => ({ value: e.id, label: e.url }))}
          onChange={(v) => {
            setEndpointId(v);
            setCursor(undefined);
          }}
        />
        <Select
          label="Delivery status"
          clearable
          placeholder="All"
          value={status}
          data={['pending', 'succeeded', 'failed']}
          onChange={(v) => {
            setStatus(v === 'pending' || v === 'succeeded' || v === 'failed' ? v : null);
            setCursor(undefined);
          }}
        />
        <Button variant="default" mt="xl" onClick={list.reload}>
          Refresh
        </Button>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table striped aria-label="Deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Endpoint</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>HTTP</Table.Th>
            <Table.Th>Latency</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.eventType}</Table.Td>
              <Table.Td>{urlOf(d.endpointId)}</Table.Td>
              <Table.Td>
                <Badge variant="light" c="dark.8" color={statusColor(d.status)}>
                  {d.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {d.attempts} / {d.attemptsAllowed}
              </Table.Td>
              <Table.Td>{d.lastStatusCode ?? '—'}</Table.Td>
              <Table.Td>{d.lastLatencyMs === null ? '—' : `${d.lastLatencyMs} ms`}</Table.Td>
              <Table.Td>{dateTime(d.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setOpen(d.id)}>
                    Details
                  </Button>
                  {d.status !== 'pending' && (
                    <Button size="xs" variant="default" onClick={() => redeliver(d.id)}>
                      Redeliver
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.items.length === 0 && <Text c="dimmed">No deliveries yet.</Text>}
      <Group>
        {cursor && (
          <Button variant="default" onClick={() => setCursor(undefined)}>
            First page
          </Button>
        )}
        {list.data?.nextCursor && (
          <Button variant="default" onClick={() => setCursor(list.data?.nextCursor ?? undefined)}>
            Next page
          </Button>
        )}
      </Group>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title="Delivery" size="xl">
        {open && <DeliveryDetail id={open} />}
      </Modal>
    </Stack>
  );
}

function DeliveryDetail({ id }: { id: string }) {
  const d = useLoad(
    async () => must(await api.GET('/admin/webhooks/deliveries/{id}', { params: { path: { id } } })),
    [id],
  );
  if (d.error) return <Alert color="red">{d.error}</Alert>;
  if (!d.data) return null;
  return (
    <Stack>
      <Table aria-label="Attempts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>HTTP</Table.Th>
            <Table.Th>Latency</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Response excerpt or error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.data.attemptLog.map((a) => (
            <Table.Tr key={a.attempt}>
              <Table.Td>{a.attempt}</Table.Td>
              <Table.Td>{a.outcome}</Table.Td>
              <Table.Td>{a.statusCode ?? '—'}</Table.Td>
              <Table.Td>{a.latencyMs === null ? '—' : `${a.latencyMs} ms`}</Table.Td>
              <Table.Td>{dateTime(a.startedAt)}</Table.Td>
              <Table.Td>
                <Code>{a.responseExcerpt ?? a.error ?? ''}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">
        Body sent
      </Title>
      <Code block>{d.data.body}</Code>
    </Stack>
  );
}
