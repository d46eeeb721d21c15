import { hash, verify } from '@node-rs/argon2';

/** argon2id cost: memory in KiB, passes, lanes (PASSWORD_HASH_MEMORY_KIB, _ITERATIONS, _PARALLELISM). */
export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

// OWASP's second recommended argon2id profile (19 MiB, 2 passes): strong, and quick enough that
// login throughput is bounded by the hash, not by the database. The config defaults match it.
export const defaultHashParams: HashParams = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const argon2id = 2; /* Algorithm.Argon2id (a const enum) */

export const hashPassword = (password: string, params: HashParams = defaultHashParams): Promise<string> =>
  hash(password, { algorithm: argon2id, ...params });

/** Checks a password against a hash; the hash carries its own parameters, so old hashes still verify. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

const dummies = new Map<string, Promise<string>>();

/**
 * A hash of a random password with these parameters, verified against when the account is unknown
 * so that both paths cost the same (and so take the same time).
 */
export function dummyHash(params: HashParams = defaultHashParams): Promise<string> {
  const key = `${params.memoryCost}:${params.timeCost}:${params.parallelism}`;
  let found = dummies.get(key);
  if (!found) dummies.set(key, (found = hashPassword('not-a-real-password-' + Math.random(), params)));
  return found;
}

/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string, email?: string): string | undefined {
  if (password.length < 10) return 'must be at least 10 characters long';
  if (password.length > 128) return 'must be at most 128 characters long';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2) return 'must mix at least two of: lower case, upper case, digits, symbols';
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()))
    return 'must not contain the email name';
  return undefined;
}
