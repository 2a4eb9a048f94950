/** Route helpers: the signed-in actor, or a 401 every client understands. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  return request.actor;
}
