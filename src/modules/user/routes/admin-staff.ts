import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { changeStaffRoles } from '../use-cases/change-staff-roles.ts';
import { deactivateStaff } from '../use-cases/deactivate-staff.ts';
import { getStaff } from '../use-cases/get-staff.ts';
import { inviteStaff } from '../use-cases/invite-staff.ts';
import { listStaff } from '../use-cases/list-staff.ts';
import { IdParam, problemResponses } from './schemas.ts';
import { InviteBody, RolesBody, StaffQuery } from './staff-schemas.ts';
import { staffView } from './views.ts';

const problems = problemResponses(400, 401, 403, 404, 409);
const tags = ['admin: staff'];
const Staff = Type.Ref('StaffMember');

/** The staff list, invites, role changes and deactivation (staff:read to look, staff:manage to change). */
export const adminStaffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/staff',
    {
      config: { permission: 'staff:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List staff members (oldest first)',
        querystring: StaffQuery,
        response: {
          200: Type.Object({ items: Type.Array(Staff), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (req) => {
      const page = await listStaff(em(), req.query);
      return { items: page.items.map((s) => staffView(s.staff, s.roles)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/admin/staff/:id',
    {
      config: { permission: 'staff:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One staff member',
        params: IdParam,
        response: { 200: Staff, ...problems },
      },
    },
    async (req) => {
      const { staff, roles } = await getStaff(em(), req.params.id);
      return staffView(staff, roles);
    },
  );

  app.post(
    '/admin/staff/invites',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: 'Invite someone by email with roles (a single-use link is mailed)',
        body: InviteBody,
        response: { 201: Staff, ...problems },
      },
    },
    async (req, reply) => {
      const { staff, roles } = await inviteStaff(platform, em(), currentActor(req), req.body);
      return reply.code(201).send(staffView(staff, roles));
    },
  );

  app.put(
    '/admin/staff/:id/roles',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: "Replace a member's roles (only roles whose permissions you hold; the last owner stays owner)",
        params: IdParam,
        body: RolesBody,
        response: { 200: Staff, ...problems },
      },
    },
    async (req) => {
      const { staff, roles } = await changeStaffRoles(platform, em(), currentActor(req), req.params.id, req.body.roles);
      return staffView(staff, roles);
    },
  );

  app.post(
    '/admin/staff/:id/deactivate',
    {
      config: { permission: 'staff:manage' },
      schema: {
        tags,
        security: bearer,
        summary: 'Take a member’s access (sessions revoked at once; not the last owner)',
        params: IdParam,
        response: { 200: Staff, ...problems },
      },
    },
    async (req) => {
      const { staff, roles } = await deactivateStaff(platform, em(), currentActor(req), req.params.id);
      return staffView(staff, roles);
    },
  );
};
