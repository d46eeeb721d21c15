// Keyset paging as the admin API answers it (items + nextCursor): the cursors of the pages seen so
// far are kept, so "Previous" goes back without the API needing offsets.
import { useCallback, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';

export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: useCallback((c: string) => setCursors((s) => [...s, c]), []),
    previous: useCallback(() => setCursors((s) => (s.length > 1 ? s.slice(0, -1) : s)), []),
    // Kept when already on the first page, so a filter change does not read the list twice.
    reset: useCallback(() => setCursors((s) => (s.length === 1 ? s : [undefined])), []),
  };
}

export function Pager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  return (
    <Group justify="flex-end">
      <Text size="sm" c="gray.7">
        Page {pages.page}
      </Text>
      <Button variant="default" size="xs" disabled={pages.page === 1} onClick={pages.previous}>
        Previous
      </Button>
      <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next
      </Button>
    </Group>
  );
}
