// The user module owns customers, staff, credentials, refresh tokens and addresses.
// It signs access tokens that every other module verifies from the JWKS.
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

export default defineModule({
  name: 'user',
  description: 'Customers, staff, credentials, refresh tokens, addresses',
  entities: [User, RefreshToken, Address],
  publishes: userEvents,
  subscriptions: [],
  routes: async (app: FastifyInstance) => {
    app.addSchema(Customer);
    app.addSchema(AddressOut);
    await app.register(storeAuthRoutes);
    await app.register(storeAccountRoutes);
    await app.register(adminCustomerRoutes);
  },
  onStart: ensureAdmin,
});
