import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { acceptInvite } from '../use-cases/accept-invite.ts';
import { authenticateStaff } from '../use-cases/authenticate-staff.ts';
import { changePassword } from '../use-cases/change-password.ts';
import { getStaff } from '../use-cases/get-staff.ts';
import { issueTokens } from '../use-cases/issue-tokens.ts';
import { principalOfStaff } from '../use-cases/load-staff-roles.ts';
import { refreshSession } from '../use-cases/refresh-session.ts';
import { LoginBody, RefreshBody, problemResponses } from './schemas.ts';
import { accountOf, credentialLimits, currentStaff, emailOf, requireStaff } from './limits.ts';
import { AcceptInviteBody, ChangePasswordBody, StaffSession } from './staff-schemas.ts';
import { staffView } from './views.ts';
import { passwordResetRoutes } from './password-reset-routes.ts';
import { signOutRoutes } from './sign-out-routes.ts';

const problems = problemResponses(400, 401, 403, 404, 409, 429);
const tags = ['admin: auth'];

/** Staff sign-in, sessions and their own password; an invitee accepts here. */
export const adminAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const { config } = platform;
  const session = async (staffId: string) => {
    const em = platform.orm.em.fork();
    const { staff, roles } = await getStaff(em, staffId);
    return { staff: staffView(staff, roles), ...(await issueTokens(platform, em, await principalOfStaff(em, staff))) };
  };

  app.post(
    '/admin/auth/login',
    {
      config: { public: true },
      preHandler: credentialLimits(app, 'admin-login', emailOf),
      schema: { tags, summary: 'Staff sign-in', body: LoginBody, response: { 200: StaffSession, ...problems } },
    },
    async (req) => {
      const staff = await authenticateStaff(config, platform.orm.em.fork(), req.body.email, req.body.password);
      return session(staff.id);
    },
  );

  app.post(
    '/admin/auth/refresh',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Trade a staff refresh token for new tokens (it rotates; roles re-read)',
        body: RefreshBody,
        response: { 200: StaffSession, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const { account, issued } = await refreshSession(platform, em, req.body.refreshToken, 'staff');
      const { staff, roles } = await getStaff(em, account.id);
      return { staff: staffView(staff, roles), ...issued };
    },
  );

  signOutRoutes(app, {
    base: '/admin/auth',
    kind: 'staff',
    tags,
    problems,
    config: { public: true },
    requireSelf: requireStaff,
    self: currentStaff,
  });

  app.get(
    '/admin/auth/me',
    {
      config: { public: true },
      onRequest: requireStaff,
      schema: {
        tags,
        security: bearer,
        summary: 'Who I am: profile, roles, permissions',
        response: { 200: Type.Ref('StaffMember'), ...problems },
      },
    },
    async (req) => {
      const { staff, roles } = await getStaff(platform.orm.em.fork(), currentStaff(req).sub);
      return staffView(staff, roles);
    },
  );

  app.post(
    '/admin/auth/password',
    {
      config: { public: true },
      onRequest: requireStaff,
      preHandler: credentialLimits(app, 'admin-password-change', accountOf),
      schema: {
        tags,
        security: bearer,
        summary: 'Change my password (signs out every other session; answers a new session)',
        body: ChangePasswordBody,
        response: { 200: StaffSession, ...problems },
      },
    },
    async (req) => {
      const staff = await changePassword(
        platform,
        platform.orm.em.fork(),
        { kind: 'staff', id: currentStaff(req).sub },
        req.body,
      );
      return session(staff.id);
    },
  );

  passwordResetRoutes(app, {
    base: '/admin/auth',
    kind: 'staff',
    tags,
    problems,
    limitPrefix: 'admin-',
    config: { public: true },
  });

  app.post(
    '/admin/auth/accept-invite',
    {
      config: { public: true },
      preHandler: credentialLimits(app, 'admin-accept-invite'),
      schema: {
        tags,
        summary: 'Accept a staff invite: set my name and password (answers a session)',
        body: AcceptInviteBody,
        response: { 200: StaffSession, ...problems },
      },
    },
    async (req) => session((await acceptInvite(platform, platform.orm.em.fork(), req.body)).id),
  );
};
