// Reviews moderation: the reviews of one status (pending first), optionally only reported ones,
// a page at a time; each can be published, rejected with a reason, or answered.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { api } from '../api.ts';
import { ReviewCard, type Review } from '../components/ReviewCard.tsx';
import { must, useLoad } from '../components/useLoad.ts';

type Status = Review['status'];
const statuses: Status[] = ['pending', 'published', 'rejected'];

export default function ReviewsPage() {
  const [status, setStatus] = useState<Status>('pending');
  const [reported, setReported] = useState(false);
  const [cursor, setCursor] = useState<string | undefined>();
  const page = useLoad(
    async () =>
      must(
        await api.GET('/admin/reviews', {
          params: { query: { status, reported: reported || undefined, cursor, limit: 20 } },
        }),
      ),
    [status, reported, cursor],
  );
  return (
    <Stack maw={900}>
      <Title order={1}>Reviews</Title>
      <Group>
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(v) => {
            setStatus(statuses.find((s) => s === v) ?? 'pending');
            setCursor(undefined);
          }}
          data={statuses.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
        <Checkbox
          label="Only reported"
          checked={reported}
          onChange={(e) => {
            setReported(e.currentTarget.checked);
            setCursor(undefined);
          }}
        />
      </Group>
      {page.error && <Alert color="red">{page.error}</Alert>}
      {(page.data?.items ?? []).map((r) => (
        <ReviewCard key={r.id} review={r} onChanged={page.reload} />
      ))}
      {page.data && page.data.items.length === 0 && <Text c="dimmed">No {status} reviews.</Text>}
      <Group>
        {cursor && (
          <Button variant="default" onClick={() => setCursor(undefined)}>
            First page
          </Button>
        )}
        {page.data?.nextCursor && (
          <Button variant="default" onClick={() => setCursor(page.data?.nextCursor ?? undefined)}>
            Next page
          </Button>
        )}
      </Group>
    </Stack>
  );
}
