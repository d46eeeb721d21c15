import { permissionDescriptions, permissions, type Permission } from '../../../platform/auth/permissions.ts';

export interface PermissionGroup {
  /** The resource a permission names before its colon (`catalog` in `catalog:read`). */
  resource: string;
  permissions: { name: Permission; description: string }[];
}

/** Every permission a role or an API key can hold, grouped by resource in the catalogue's order. */
export function listPermissions(): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>();
  for (const name of permissions) {
    const resource = name.split(':')[0]!;
    let group = groups.get(resource);
    if (!group) groups.set(resource, (group = { resource, permissions: [] }));
    group.permissions.push({ name, description: permissionDescriptions[name] });
  }
  return [...groups.values()];
}
