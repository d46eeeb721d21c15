// The user module owns customers, staff (with roles and permissions), credentials, refresh tokens,
// mailed account tokens and addresses. It alone signs access tokens (every module verifies them),
// resolves API keys and keeps the audit log.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { userEvents } from './contract.ts';
import { AccountToken } from './entities/account-token.entity.ts';
import { Address } from './entities/address.entity.ts';
import { RefreshToken } from './entities/refresh-token.entity.ts';
import { Role, StaffRole } from './entities/role.entity.ts';
import { StaffMember } from './entities/staff-member.entity.ts';
import { User } from './entities/user.entity.ts';
import { adminAuthRoutes } from './routes/admin-auth.ts';
import { adminCustomerRoutes } from './routes/admin-customers.ts';
import { adminRoleRoutes } from './routes/admin-roles.ts';
import { adminStaffRoutes } from './routes/admin-staff.ts';
import { AddressOut, Customer } from './routes/schemas.ts';
import { RoleOut, StaffOut } from './routes/staff-schemas.ts';
import { storeAccountRoutes } from './routes/store-account.ts';
import { storeAuthRoutes } from './routes/store-auth.ts';
import { storePasswordRoutes } from './routes/store-password.ts';
import { storePrivacyRoutes } from './routes/store-privacy.ts';
import { ensureOwner } from './use-cases/ensure-owner.ts';
import { AuditRecorded } from '../../platform/auth/audit.ts';
import { ApiKey } from './entities/api-key.entity.ts';
import { AuditEntry } from './entities/audit-entry.entity.ts';
import { SigningKey } from './entities/signing-key.entity.ts';
import { onAuditRecorded } from './handlers/on-audit-recorded.ts';
import { adminApiKeyRoutes } from './routes/admin-api-keys.ts';
import { adminAuditLogRoutes } from './routes/admin-audit-log.ts';
import { adminSigningKeyRoutes } from './routes/admin-signing-keys.ts';
import { initUser } from './runtime.ts';

export default defineModule({
  name: 'user',
  description:
    'Customers, staff, roles, credentials, refresh tokens, mailed account tokens, addresses, API keys, audit log',
  entities: [User, RefreshToken, Address, StaffMember, Role, StaffRole, AccountToken, SigningKey, ApiKey, AuditEntry],
  publishes: userEvents,
  subscriptions: [{ event: AuditRecorded, handler: onAuditRecorded }],
  setup: initUser,
  routes: async (app: FastifyInstance) => {
    app.addSchema(Customer);
    app.addSchema(AddressOut);
    app.addSchema(StaffOut);
    app.addSchema(RoleOut);
    await app.register(storeAuthRoutes);
    await app.register(storePasswordRoutes);
    await app.register(storeAccountRoutes);
    await app.register(storePrivacyRoutes);
    await app.register(adminAuthRoutes);
    await app.register(adminStaffRoutes);
    await app.register(adminRoleRoutes);
    await app.register(adminCustomerRoutes);
    await app.register(adminApiKeyRoutes);
    await app.register(adminSigningKeyRoutes);
    await app.register(adminAuditLogRoutes);
  },
  onStart: ensureOwner,
});
