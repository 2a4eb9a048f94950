/**
 * Accounts, sessions, organisations and memberships on the wire.
 */
import { type Static, Type } from 'typebox';
import { Id, Instant, LIMITS } from './common.ts';

const Email = Type.String({ format: 'email', minLength: 3, maxLength: LIMITS.emailLength });
const Password = Type.String({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax });
const PersonName = Type.String({ minLength: 1, maxLength: LIMITS.nameLength });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: PersonName },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: LIMITS.emailLength }), password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  isAdmin: Type.Boolean(),
});
export type User = Static<typeof User>;

export const MembershipRole = Type.Union([Type.Literal('member'), Type.Literal('lead')]);
export type MembershipRole = Static<typeof MembershipRole>;

export const OrganizationKind = Type.Union([
  Type.Literal('government'),
  Type.Literal('nhri'),
  Type.Literal('ngo'),
  Type.Literal('igo'),
  Type.Literal('academic'),
]);
export type OrganizationKind = Static<typeof OrganizationKind>;

export const Membership = Type.Object({
  organizationId: Id,
  role: MembershipRole,
  /** Convenience for clients: the organisation's name, kind and approval. */
  organizationName: Type.String(),
  organizationKind: OrganizationKind,
  approved: Type.Boolean(),
});
export type Membership = Static<typeof Membership>;

export const AuthResponse = Type.Object({ user: User, token: Type.String() });
export type AuthResponse = Static<typeof AuthResponse>;

export const MeResponse = Type.Object({ user: User, memberships: Type.Array(Membership) });
export type MeResponse = Static<typeof MeResponse>;

export const Organization = Type.Object({
  id: Id,
  name: Type.String(),
  kind: OrganizationKind,
  country: Type.String(),
  approved: Type.Boolean(),
  createdAt: Instant,
});
export type Organization = Static<typeof Organization>;

export const CreateOrganizationBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: LIMITS.nameLength }),
    kind: OrganizationKind,
    country: Type.String({ minLength: 2, maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;

export const OrganizationResponse = Type.Object({ organization: Organization });
export const OrganizationList = Type.Array(Organization);
export type OrganizationList = Static<typeof OrganizationList>;

export const AddMemberBody = Type.Object({ email: Email, role: MembershipRole }, { additionalProperties: false });
export type AddMemberBody = Static<typeof AddMemberBody>;

export const Member = Type.Object({ accountId: Id, name: Type.String(), email: Type.String(), role: MembershipRole });
export type Member = Static<typeof Member>;
export const MemberList = Type.Array(Member);
export type MemberList = Static<typeof MemberList>;
