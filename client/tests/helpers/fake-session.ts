/** A signed-in session for component tests, without calling /api/me. */
import type { Membership } from '../../../shared/auth.ts';
import type { Session } from '../../src/state/session.ts';

export function fakeSession(options: { id?: string; memberships?: Membership[] } = {}): Session {
  const user = { id: options.id ?? 'u1', email: 'samira@example.org', name: 'Samira', isAdmin: false } as ReturnType<Session['user']>;
  const memberships = options.memberships ?? [];
  return {
    user: () => user,
    memberships: () => memberships,
    membership: (organizationId) => memberships.find((m) => m.organizationId === organizationId),
    isAdmin: () => false,
    ready: () => true,
    error: () => null,
    refresh: async () => {},
    signIn: async () => {},
    signUp: async () => {},
    signOut: async () => {},
  };
}
