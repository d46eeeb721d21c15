import { describe, expect, it } from 'vitest';
import { permissions } from '../../../platform/auth/permissions.ts';
import { missingPermissions, rolePermissions, unionOfPermissions } from './principal.ts';

describe('staff permissions', () => {
  it('a built-in role takes its permissions from code, a custom role from its row (unknown names dropped)', () => {
    expect(rolePermissions({ name: 'owner', builtIn: true, permissions: [] })).toEqual([...permissions]);
    expect(rolePermissions({ name: 'packer', builtIn: false, permissions: ['orders:fulfil', 'nonsense:x'] })).toEqual([
      'orders:fulfil',
    ]);
  });

  it("a member's permissions are the sorted union of their roles'", () => {
    const union = unionOfPermissions([
      { name: 'a', builtIn: false, permissions: ['stock:read', 'orders:read'] },
      { name: 'b', builtIn: false, permissions: ['orders:read', 'catalog:write'] },
    ]);
    expect(union).toEqual(['catalog:write', 'orders:read', 'stock:read']);
  });

  it('staff may grant only what they hold', () => {
    expect(missingPermissions(['orders:read'], ['orders:read', 'staff:manage', 'staff:manage'])).toEqual([
      'staff:manage',
    ]);
    expect(missingPermissions(['orders:read', 'stock:read'], ['stock:read'])).toEqual([]);
  });
});
