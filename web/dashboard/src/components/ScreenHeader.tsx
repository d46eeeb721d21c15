// A screen's title, with its "New …" button for staff holding the permission to create.
import { Button, Group, Title } from '@mantine/core';
import type { Permission } from '../api.ts';
import { Can } from '../session.tsx';

export function ScreenHeader({
  title,
  create,
}: {
  title: string;
  create?: { label: string; permission: Permission; onClick(): void };
}) {
  return (
    <Group justify="space-between">
      <Title order={1}>{title}</Title>
      {create && (
        <Can permission={create.permission}>
          <Button onClick={create.onClick}>{create.label}</Button>
        </Can>
      )}
    </Group>
  );
}
