/**
 * `--credential FILE` of `meseta agent` and `meseta master`: the daemon's
 * own credential, sent as `authorization: Bearer <token>` to the daemon it
 * calls (an agent to its master; the master to agents when it relays a
 * debug session or a sandbox read). The file holds the token alone, or
 * `{ "principal": "...", "token": "..." }`.
 */
import * as fs from 'node:fs';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import { CredentialsError, parseOwnCredential } from '../master/auth/credentials';
import { UsageError } from './cli-error';

/** The token of a `--credential` file; a usage error naming the flag when it cannot be read. */
export function readCredentialFlag(flag: string, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag}: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseOwnCredential(text, `${flag} ${file}`).token;
  } catch (e) {
    if (e instanceof CredentialsError) throw new UsageError(e.message);
    throw e;
  }
}

/** `security` with the token of `--credential FILE` when given. */
export function withCredential(security: ClientSecurity, flag: string, file: string | undefined): ClientSecurity {
  return file === undefined ? security : { ...security, token: readCredentialFlag(flag, file) };
}
