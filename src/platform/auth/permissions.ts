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

/** What each permission allows, in a line, for the screens where staff build roles and keys. */
export const permissionDescriptions: Record<Permission, string> = {
  'catalog:read': 'See products, variants, categories, collections and prices',
  'catalog:write': 'Create, change and delete products, categories and collections',
  'pricing:write': 'Set prices, price lists, customer groups, currencies and tax rates',
  'promotions:write': 'Create, change and delete promotions and their codes',
  'stock:read': 'See stock levels, locations and reservations',
  'stock:adjust': 'Adjust and import stock, manage locations and reservations',
  'orders:read': 'See orders, payments and shipments',
  'orders:write': 'Cancel orders',
  'orders:refund': 'Refund orders',
  'orders:fulfil': 'Mark shipments shipped and delivered',
  'customers:read': 'See customers and customer groups',
  'customers:write': 'Change and erase customers',
  'shipping:write': 'Create, change and delete shipping options',
  'notifications:read': 'See sent notifications and their delivery',
  'notifications:send': 'Resend notifications',
  'events:read': 'See events that failed and landed in the dead-letter queue',
  'events:replay': 'Replay or discard dead-lettered events',
  'staff:read': 'See staff members and roles',
  'staff:manage': 'Invite and deactivate staff, give roles, manage custom roles',
  'apikeys:manage': 'Create and revoke API keys',
  'audit:read': 'Read the audit log',
  'reviews:moderate': 'Approve, reject and answer reviews',
  'analytics:read': 'See sales and funnel reports',
  'webhooks:manage': 'Manage webhook endpoints and see their deliveries',
};
