// The user module owns customers, staff, credentials, refresh tokens and addresses.
// It signs access tokens that every other module verifies from the JWKS.
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/host/module.ts';
import { userEvents } from './contract.ts';
import { User } from './user.entity.ts';
import { RefreshToken } from './refresh-token.entity.ts';
import { Address } from './address.entity.ts';
import { AddressOut, Customer } from './schemas.ts';
import { authRoutes } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { adminRoutes } from './routes/admin.ts';
import { ensureAdmin } from './seed-admin.ts';

export default defineModule({
  name: 'user',
  description: 'Customers, staff, credentials, refresh tokens, addresses',
  entities: [User, RefreshToken, Address],
  publishes: userEvents,
  subscriptions: [],
  routes: async (app: FastifyInstance) => {
    app.addSchema(Customer);
    app.addSchema(AddressOut);
    await app.register(authRoutes);
    await app.register(meRoutes);
    await app.register(adminRoutes);
  },
  onStart: ensureAdmin,
});
