/**
 * Rules for administering accounts. Pure: decided from the actor and the target account.
 */
import type { Actor } from './actor.ts';

export const accountPolicy = {
  /** Finding accounts by email or name is a platform-admin tool. */
  search: (actor: Actor | null) => !!actor?.isAdmin,
  /**
   * Admins disable and re-enable accounts, never their own: an admin who locked themselves out
   * could not undo it.
   */
  setDisabled: (actor: Actor | null, target: { id: string }) => !!actor?.isAdmin && actor.accountId !== target.id,
};
