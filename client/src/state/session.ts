/**
 * Who is signed in: the account and its memberships from GET /api/me, held in a Solid resource
 * and re-read after every sign-in, sign-up, sign-out and change that affects memberships.
 * Provided through context (SessionProvider in App.tsx) so tests can render pages with a
 * session of their own. The server decides every permission; the client only uses the session
 * to choose what to show.
 */
import { createComponent, createContext, createResource, type ParentProps, useContext } from 'solid-js';
import type { LoginBody, Membership, MeResponse, RegisterBody, User } from '../../../shared/auth.ts';
import { fetchMe, login, logout, register } from '../api/auth.ts';
import { ApiError } from '../api/http.ts';
import { clearOutboxes } from './outbox.ts';

interface Snapshot {
  me: MeResponse | null;
  /** Why /me could not be read (server down, network), while keeping what we knew. */
  error: unknown;
}

export interface Session {
  user(): User | null;
  memberships(): readonly Membership[];
  membership(organizationId: string): Membership | undefined;
  isAdmin(): boolean;
  /** False until the first answer to /me, so guarded pages do not redirect too early. */
  ready(): boolean;
  /** The last error reading /me, if the last attempt failed. */
  error(): unknown;
  refresh(): Promise<void>;
  signIn(body: LoginBody): Promise<void>;
  signUp(body: RegisterBody): Promise<void>;
  signOut(): Promise<void>;
}

export function createSession(): Session {
  // A failed refresh keeps the previous answer: a network hiccup must not look like a sign-out.
  const [snapshot, { refetch, mutate }] = createResource<Snapshot>(async (_source, info) => {
    try {
      return { me: await fetchMe(), error: null };
    } catch (error) {
      return { me: info.value?.me ?? null, error };
    }
  });

  // Reading `latest` only once resolved never suspends the page around it.
  const ready = () => snapshot.state === 'ready' || snapshot.state === 'refreshing';
  const me = () => (ready() ? (snapshot.latest?.me ?? null) : null);
  const refresh = async () => {
    await refetch();
  };

  return {
    user: () => me()?.user ?? null,
    memberships: () => me()?.memberships ?? [],
    membership: (organizationId) => me()?.memberships.find((m) => m.organizationId === organizationId),
    isAdmin: () => me()?.user.isAdmin ?? false,
    ready,
    error: () => (ready() ? snapshot.latest?.error : null),
    refresh,
    async signIn(body) {
      await login(body);
      await refresh();
    },
    async signUp(body) {
      await register(body);
      await refresh();
    },
    async signOut() {
      try {
        await logout();
      } catch (error) {
        // 401: the session had already ended, which is what the user wants anyway.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
      // Unsent writes belong to the account leaving; the next person on this tab must not send them.
      clearOutboxes();
      mutate({ me: null, error: null });
      await refresh();
    },
  };
}

const SessionContext = createContext<Session>();

export function SessionProvider(props: ParentProps<{ session?: Session }>) {
  const session = props.session ?? createSession();
  return createComponent(SessionContext.Provider, {
    value: session,
    get children() {
      return props.children;
    },
  });
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
