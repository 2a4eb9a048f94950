/** Opaque identifiers: 128 random bits, URL-safe, so ids of invisible things cannot be guessed. */
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(16).toString('base64url');
}
