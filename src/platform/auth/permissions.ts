// The permissions staff roles and API keys are made of, and the roles every shop starts with.
// A permission names a resource and what may be done to it; every admin route declares one.

export const permissions = [
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
] as const;

export type Permission = (typeof permissions)[number];

const reads: Permission[] = ['catalog:read', 'stock:read', 'orders:read', 'customers:read'];

/** The built-in roles; `owner` holds every permission and cannot be edited or removed. */
export const builtInRoles: Record<'owner' | 'manager' | 'fulfilment' | 'support', readonly Permission[]> = {
  owner: permissions,
  manager: permissions.filter((p) => p !== 'staff:manage' && p !== 'apikeys:manage'),
  fulfilment: [...reads, 'stock:adjust', 'orders:fulfil', 'notifications:read'],
  support: [
    ...reads,
    'orders:write',
    'orders:refund',
    'customers:write',
    'notifications:read',
    'notifications:send',
    'reviews:moderate',
  ],
};

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
