// The dashboard's pages, in one table: its path, its navigation label, and the permission without
// which a staff member sees neither the entry nor the page. Each page is its own file (loaded when
// first opened), so a screen can be replaced without touching the others.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from './api.ts';

export interface PageRoute {
  path: string;
  label: string;
  permission: Permission;
  page: LazyExoticComponent<ComponentType>;
  /** Sub-pages (detail, edit) under `path`, with the same permission unless they say otherwise. */
  children?: { path: string; page: LazyExoticComponent<ComponentType>; permission?: Permission }[];
}

export const pageRoutes: PageRoute[] = [
  {
    path: 'products',
    label: 'Products',
    permission: 'catalog:read',
    page: lazy(() => import('./pages/Products.tsx')),
    children: [
      { path: 'new', page: lazy(() => import('./pages/ProductNew.tsx')), permission: 'catalog:write' },
      { path: ':id', page: lazy(() => import('./pages/ProductDetail.tsx')) },
    ],
  },
  {
    path: 'orders',
    label: 'Orders',
    permission: 'orders:read',
    page: lazy(() => import('./pages/Orders.tsx')),
    children: [{ path: ':id', page: lazy(() => import('./pages/OrderDetail.tsx')) }],
  },
  {
    path: 'customers',
    label: 'Customers',
    permission: 'customers:read',
    page: lazy(() => import('./pages/Customers.tsx')),
    children: [{ path: ':id', page: lazy(() => import('./pages/CustomerDetail.tsx')) }],
  },
  {
    path: 'promotions',
    label: 'Promotions',
    permission: 'promotions:write',
    page: lazy(() => import('./pages/Promotions.tsx')),
  },
  { path: 'tax', label: 'Tax', permission: 'pricing:write', page: lazy(() => import('./pages/Tax.tsx')) },
  {
    path: 'shipping',
    label: 'Shipping',
    permission: 'shipping:write',
    page: lazy(() => import('./pages/Shipping.tsx')),
  },
  {
    path: 'reviews',
    label: 'Reviews',
    permission: 'reviews:moderate',
    page: lazy(() => import('./pages/Reviews.tsx')),
  },
  {
    path: 'webhooks',
    label: 'Webhooks',
    permission: 'webhooks:manage',
    page: lazy(() => import('./pages/Webhooks.tsx')),
  },
  {
    path: 'dead-letters',
    label: 'Dead letters',
    permission: 'events:read',
    page: lazy(() => import('./pages/DeadLetters.tsx')),
  },
  { path: 'staff', label: 'Staff & roles', permission: 'staff:read', page: lazy(() => import('./pages/Staff.tsx')) },
  {
    path: 'api-keys',
    label: 'API keys',
    permission: 'apikeys:manage',
    page: lazy(() => import('./pages/ApiKeys.tsx')),
  },
  {
    path: 'analytics',
    label: 'Analytics',
    permission: 'analytics:read',
    page: lazy(() => import('./pages/Analytics.tsx')),
  },
  { path: 'csv', label: 'CSV import', permission: 'catalog:read', page: lazy(() => import('./pages/CsvImport.tsx')) },
];
