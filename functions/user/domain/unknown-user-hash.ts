import { randomBytes } from 'node:crypto';
import { hashPasswordSync } from './password';

/**
 * A hash of no one's password, checked when a login names an unknown email, so that it costs the
 * same scrypt work as a wrong password. It is made when the module loads, in the function's init
 * phase: made at the first unknown email, it would make that one login measurably slower.
 */
export const unknownUserHash = hashPasswordSync(randomBytes(24).toString('base64url'));
