// The picker of permissions a role or an API key is made of: the API's catalogue
// (GET /admin/permissions), grouped by resource as it answers it, one checkbox a permission.
import { Alert, Checkbox, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useSession } from '../../session.tsx';

type PermissionGroup =
  paths['/admin/permissions']['get']['responses'][200]['content']['application/json']['items'][number];
export type RolePermission = PermissionGroup['permissions'][number]['name'];

/**
 * Checkboxes by resource. Permissions the signed-in member lacks are disabled: the API refuses to
 * grant more than one holds, so offering them would only lead to an error. `value` may hold names
 * as a role lists them; what `onChange` answers is narrowed to the catalogue's names.
 */
export function PermissionPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: readonly string[];
  onChange: (v: RolePermission[]) => void;
}) {
  const { can } = useSession();
  const catalogue = useLoad(() => api.GET('/admin/permissions'), []);
  if (catalogue.error)
    return (
      <Alert color="red" role="alert">
        {catalogue.error}
      </Alert>
    );
  const groups = catalogue.data?.items;
  if (!groups) return <Loader size="sm" aria-label="Loading permissions" />;
  const known = groups.flatMap((g) => g.permissions.map((p) => p.name));
  return (
    <Checkbox.Group label={label} value={[...value]} onChange={(v) => onChange(known.filter((p) => v.includes(p)))}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {groups.map((g) => (
          <Stack key={g.resource} gap={6}>
            <Text size="sm" fw={600} tt="capitalize">
              {g.resource}
            </Text>
            {g.permissions.map((p) => (
              <Checkbox
                key={p.name}
                value={p.name}
                label={p.name}
                description={p.description}
                disabled={!can(p.name) && !value.includes(p.name)}
              />
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
