// One review under moderation: what the shopper wrote, and publish, reject (with a reason the
// customer is shown) and the shop's public reply. The server lists which moves are allowed.
import { useState } from 'react';
import { Badge, Button, Card, Group, Rating, Stack, Text, Textarea } from '@mantine/core';
import type { paths } from '../../../../client/index.ts';
import { api } from '../api.ts';
import { dateTime } from './format.ts';
import { done, settled } from './notify.ts';

export type Review = paths['/admin/reviews']['get']['responses'][200]['content']['application/json']['items'][number];
const colors = { pending: 'yellow', published: 'green', rejected: 'red' } as const;

export function ReviewCard({ review, onChanged }: { review: Review; onChanged(): void }) {
  const [mode, setMode] = useState<'reject' | 'reply' | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const path = { params: { path: { id: review.id } } };
  const run = async (what: string, call: () => Promise<{ error?: unknown }>) => {
    setBusy(true);
    const ok = settled(await call(), what);
    setBusy(false);
    if (ok) {
      done(`${what}: done`);
      setMode(null);
      onChanged();
    }
  };
  const label = `review “${review.title}”`;
  return (
    <Card withBorder component="article" aria-label={review.title}>
      <Group justify="space-between">
        <Group gap="xs">
          <Rating value={review.rating} readOnly aria-label={`${review.rating} of 5 stars`} />
          <Text fw={600}>{review.title}</Text>
        </Group>
        <Group gap="xs">
          {review.reportCount > 0 && (
            <Badge variant="light" c="dark.8" color="orange">
              reported {review.reportCount}×
            </Badge>
          )}
          <Badge variant="light" c="dark.8" color={colors[review.status]}>
            {review.status}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {review.authorName}
        {review.verifiedPurchase ? ' · verified purchase' : ''} · {dateTime(review.createdAt)} · product{' '}
        {review.productId.slice(0, 8)}
      </Text>
      <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
        {review.body}
      </Text>
      {review.rejectReason && (
        <Text size="sm" c="red" mt="xs">
          Rejected: {review.rejectReason}
        </Text>
      )}
      {review.reply && (
        <Text size="sm" mt="xs" p="xs" bg="gray.0">
          Our reply: {review.reply.text}
        </Text>
      )}
      <Group mt="sm" gap="xs">
        {review.actions.includes('publish') && (
          <Button
            size="xs"
            loading={busy}
            aria-label={`Publish ${label}`}
            onClick={() => run('Publish', () => api.POST('/admin/reviews/{id}/publish', path))}
          >
            Publish
          </Button>
        )}
        {review.actions.includes('reject') && (
          <Button
            size="xs"
            color="red"
            variant="light"
            aria-label={`Reject ${label}`}
            onClick={() => setMode('reject')}
          >
            Reject
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          aria-label={`Reply to ${label}`}
          onClick={() => {
            setText(review.reply?.text ?? '');
            setMode('reply');
          }}
        >
          {review.reply ? 'Edit reply' : 'Reply'}
        </Button>
        {review.reply && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            loading={busy}
            onClick={() =>
              run('Removing the reply', () => api.PUT('/admin/reviews/{id}/reply', { ...path, body: { text: null } }))
            }
          >
            Remove reply
          </Button>
        )}
      </Group>
      {mode && (
        <Stack mt="sm" gap="xs">
          <Textarea
            label={mode === 'reject' ? 'Reason (shown to the customer)' : 'Reply (shown publicly)'}
            required
            autosize
            minRows={2}
            maxLength={mode === 'reject' ? 1000 : 2000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group gap="xs">
            <Button
              size="xs"
              loading={busy}
              disabled={!text.trim()}
              color={mode === 'reject' ? 'red' : undefined}
              onClick={() =>
                mode === 'reject'
                  ? run('Reject', () =>
                      api.POST('/admin/reviews/{id}/reject', { ...path, body: { reason: text.trim() } }),
                    )
                  : run('Reply', () => api.PUT('/admin/reviews/{id}/reply', { ...path, body: { text: text.trim() } }))
              }
            >
              {mode === 'reject' ? 'Reject review' : 'Save reply'}
            </Button>
            <Button size="xs" variant="default" onClick={() => setMode(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
