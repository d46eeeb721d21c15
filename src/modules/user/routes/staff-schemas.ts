import { Type } from 'typebox';
import { permissions, type Permission } from '../../../platform/auth/permissions.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const NewPassword = Type.String({ minLength: 1, maxLength: 128 });
export const MailedToken = Type.String({
  minLength: 10,
  maxLength: 200,
  description: 'the token from the mailed link',
});

const PermissionName = Type.Union(
  permissions.map((p) => Type.Literal(p)),
  { description: 'a permission (see src/platform/auth/permissions.ts)' },
);
const RoleName = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,63}$', description: 'lower case, digits, - and _' });

export const RoleOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    permissions: Type.Array(Type.String()),
    builtIn: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Role' },
);

export const StaffOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    firstName: Type.Union([Type.String(), Type.Null()]),
    lastName: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')]),
    roles: Type.Array(Type.String(), { description: 'role names' }),
    permissions: Type.Array(Type.String(), { description: 'the union of the roles’ permissions' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StaffMember' },
);

export const StaffSession = Type.Object({
  staff: Type.Ref('StaffMember'),
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer(),
});

const RoleList = Type.Array(RoleName, { maxItems: 20 });

export const InviteBody = Type.Object({ email: Email, roles: RoleList }, { additionalProperties: false });
export const RolesBody = Type.Object({ roles: RoleList }, { additionalProperties: false });
export const AcceptInviteBody = Type.Object(
  { token: MailedToken, password: NewPassword, firstName: Name, lastName: Type.Optional(Name) },
  { additionalProperties: false },
);
export const StaffQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated')])),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const PermissionGroups = Type.Object({
  items: Type.Array(
    Type.Object({
      resource: Type.String({ description: 'what the permissions act on, e.g. catalog' }),
      permissions: Type.Array(
        // The same schema as PermissionName; Unsafe only tells the compiler its values.
        Type.Object({ name: Type.Unsafe<Permission>(PermissionName), description: Type.String() }),
      ),
    }),
  ),
});

const roleFields = {
  name: RoleName,
  description: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  permissions: Type.Array(PermissionName, { maxItems: permissions.length }),
};
export const RoleBody = Type.Object(roleFields, { additionalProperties: false });
export const RolePatch = Type.Partial(Type.Object(roleFields), { additionalProperties: false, minProperties: 1 });

export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetBody = Type.Object({ token: MailedToken, password: NewPassword }, { additionalProperties: false });
export const TokenBody = Type.Object({ token: MailedToken }, { additionalProperties: false });
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: NewPassword },
  { additionalProperties: false },
);
export const PasswordBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export const Accepted = Type.Object({ status: Type.Literal('accepted'), detail: Type.String() });
