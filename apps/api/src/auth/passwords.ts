// Passwords are hashed with argon2id (the @node-rs/argon2 default algorithm) and OWASP-recommended
// cost: 19 MiB memory, 2 iterations, 1 lane.
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification (unknown email), so timing does not reveal accounts. */
export async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("exprlab-dummy-password");
  await verifyPassword(await dummyHash, password);
}
