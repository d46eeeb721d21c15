// Every permission a role or an API key can hold (the API's list; the compiler checks each name
// against the typed client), grouped by resource for a picker of checkboxes.
import { Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { useSession } from '../../session.tsx';

export type RolePermission =
  paths['/admin/roles']['post']['requestBody']['content']['application/json']['permissions'][number];

export const allPermissions: readonly RolePermission[] = [
  'catalog:read',
  'catalog:write',
  'pricing:write',
  'promotions:write',
  'stock:read',
  'stock:adjust',
  'orders:read',
  'orders:write',
  'orders:refund',
  'orders:fulfil',
  'customers:read',
  'customers:write',
  'shipping:write',
  'notifications:read',
  'notifications:send',
  'events:read',
  'events:replay',
  'staff:read',
  'staff:manage',
  'apikeys:manage',
  'audit:read',
  'reviews:moderate',
  'analytics:read',
  'webhooks:manage',
];

export const asPermissions = (values: readonly string[]): RolePermission[] =>
  allPermissions.filter((p) => values.includes(p));

const groups = [...new Set(allPermissions.map((p) => p.split(':')[0]))];

/**
 * Checkboxes by resource. Permissions the signed-in member lacks are disabled: the API refuses to
 * grant more than one holds, so offering them would only lead to an error.
 */
export function PermissionPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: RolePermission[];
  onChange: (v: RolePermission[]) => void;
}) {
  const { can } = useSession();
  return (
    <Checkbox.Group label={label} value={value} onChange={(v) => onChange(asPermissions(v))}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {groups.map((g) => (
          <Stack key={g} gap={4}>
            <Text size="sm" fw={600} tt="capitalize">
              {g}
            </Text>
            <Group gap="xs">
              {allPermissions
                .filter((p) => p.startsWith(`${g}:`))
                .map((p) => (
                  <Checkbox key={p} value={p} label={p} disabled={!can(p) && !value.includes(p)} />
                ))}
            </Group>
          </Stack>
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
