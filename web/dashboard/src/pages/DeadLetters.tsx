// Dead letters: events a consumer gave up on after its retries, with the last error. Replay sends
// one back to its queue (after the cause is fixed); discard drops it for good. Both need events:replay.
import { useState } from 'react';
import { Alert, Button, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { api } from '../api.ts';
import { Can } from '../session.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { dateTime } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { must, useLoad } from '../components/useLoad.ts';

export default function DeadLettersPage() {
  const list = useLoad(
    async () => must(await api.GET('/admin/events/dead', { params: { query: { limit: 100 } } })).items,
    [],
  );
  const [shown, setShown] = useState<unknown>(undefined);
  const path = (id: string) => ({ params: { path: { id } } });
  const replay = async (id: string) => {
    if (settled(await api.POST('/admin/events/dead/{id}/replay', path(id)), 'Replay')) {
      done('Sent back to its queue');
      list.reload();
    }
  };
  const discard = async (id: string) => {
    if (settled(await api.DELETE('/admin/events/dead/{id}', path(id)), 'Discard')) {
      done('Discarded');
      list.reload();
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Dead letters</Title>
        <Button variant="default" onClick={list.reload} loading={list.loading}>
          Refresh
        </Button>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table striped aria-label="Dead letters">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Queue</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Failed</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Text size="sm">{d.event}</Text>
                <Text size="xs" c="dimmed">
                  {d.eventId}
                </Text>
              </Table.Td>
              <Table.Td>{d.queue}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={3}>
                  {d.error ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>{dateTime(d.failedAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setShown(d.payload)}>
                    Payload
                  </Button>
                  <Can permission="events:replay">
                    <Button size="xs" onClick={() => replay(d.id)} aria-label={`Replay ${d.event} ${d.eventId}`}>
                      Replay
                    </Button>
                    <ConfirmButton
                      question="Discard this event for good?"
                      confirmLabel="Discard"
                      onConfirm={() => discard(d.id)}
                      aria-label={`Discard ${d.event} ${d.eventId}`}
                    >
                      Discard
                    </ConfirmButton>
                  </Can>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">No dead letters: every event was handled.</Text>}
      <Modal opened={shown !== undefined} onClose={() => setShown(undefined)} title="Payload" size="lg">
        <Code block>{JSON.stringify(shown, null, 2)}</Code>
      </Modal>
    </Stack>
  );
}
