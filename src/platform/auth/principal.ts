// Who is calling: what an access token or an API key resolves to. The user module issues these
// claims; every module verifies them and checks a route's permission against `permissions`.
import type { Permission } from './permissions.ts';

export interface CustomerPrincipal {
  kind: 'customer';
  /** The customer's id. */
  sub: string;
  email: string;
}

export interface StaffPrincipal {
  kind: 'staff';
  /** The staff member's id. */
  sub: string;
  email: string;
  /** Resolved from the staff member's roles when the token is issued. */
  permissions: Permission[];
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  /** The key's id (never the secret). */
  sub: string;
  /** The staff member who created the key, for the audit log. */
  createdBy: string;
  permissions: Permission[];
}

export type Principal = CustomerPrincipal | StaffPrincipal | ApiKeyPrincipal;
