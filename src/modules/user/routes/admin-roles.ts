import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { createRole } from '../use-cases/create-role.ts';
import { deleteRole } from '../use-cases/delete-role.ts';
import { listPermissions } from '../use-cases/list-permissions.ts';
import { listRoles } from '../use-cases/list-roles.ts';
import { updateRole } from '../use-cases/update-role.ts';
import { IdParam, problemResponses } from './schemas.ts';
import { requireStaff } from './limits.ts';
import { PermissionGroups, RoleBody, RolePatch } from './staff-schemas.ts';
import { roleView } from './views.ts';

const problems = problemResponses(400, 401, 403, 404, 409);
const tags = ['admin: staff'];
const RoleRef = Type.Ref('Role');

/** Roles: the built-in four (fixed) and custom ones made of permissions the creator holds. */
export const adminRoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/roles',
    {
      config: { permission: 'staff:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Every role with its permissions',
        response: { 200: Type.Object({ items: Type.Array(RoleRef) }), ...problems },
      },
    },
    async () => ({ items: (await listRoles(em())).map(roleView) }),
  );

  // Any signed-in staff member: the catalogue is no secret, and whoever builds a role (staff:manage)
  // or a key (apikeys:manage) needs it without also holding staff:read.
  app.get(
    '/admin/permissions',
    {
      config: { public: true },
      onRequest: requireStaff,
      schema: {
        tags,
        security: bearer,
        summary: 'Every permission a role or an API key can hold, grouped by resource, with what it allows',
        response: { 200: PermissionGroups, ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: listPermissions() }),
  );

  app.post(
    '/admin/roles',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a custom role',
        body: RoleBody,
        response: { 201: RoleRef, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(roleView(await createRole(platform, em(), currentActor(req), req.body))),
  );

  app.patch(
    '/admin/roles/:id',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a custom role (built-in roles are fixed)',
        params: IdParam,
        body: RolePatch,
        response: { 200: RoleRef, ...problems },
      },
    },
    async (req) => roleView(await updateRole(platform, em(), currentActor(req), req.params.id, req.body)),
  );

  app.delete(
    '/admin/roles/:id',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a custom role (its members lose it)',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteRole(platform, em(), currentActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
