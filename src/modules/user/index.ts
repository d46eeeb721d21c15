// The user module owns customers, staff, credentials, refresh tokens and addresses.
// It alone signs access tokens (every module verifies them), resolves API keys and keeps the audit log.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { userEvents } from './contract.ts';
import { Address } from './entities/address.entity.ts';
import { RefreshToken } from './entities/refresh-token.entity.ts';
import { User } from './entities/user.entity.ts';
import { adminCustomerRoutes } from './routes/admin-customers.ts';
import { AddressOut, Customer } from './routes/schemas.ts';
import { storeAccountRoutes } from './routes/store-account.ts';
import { storeAuthRoutes } from './routes/store-auth.ts';
import { ensureAdmin } from './use-cases/ensure-admin.ts';
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
  description: 'Customers, staff, credentials, refresh tokens, addresses',
  entities: [User, RefreshToken, Address, SigningKey, ApiKey, AuditEntry],
  publishes: userEvents,
  subscriptions: [{ event: AuditRecorded, handler: onAuditRecorded }],
  setup: initUser,
  routes: async (app: FastifyInstance) => {
    app.addSchema(Customer);
    app.addSchema(AddressOut);
    await app.register(storeAuthRoutes);
    await app.register(storeAccountRoutes);
    await app.register(adminCustomerRoutes);
    await app.register(adminApiKeyRoutes);
    await app.register(adminSigningKeyRoutes);
    await app.register(adminAuditLogRoutes);
  },
  onStart: ensureAdmin,
});
