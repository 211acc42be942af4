/**
 * Who is calling: a bearer token (or a verified client certificate's
 * subject CN) becomes a principal. The master holds one
 * {@link Authenticator}; the file-backed one reads `--credentials`, the
 * in-memory one stands in for it in unit tests.
 */
import { timingSafeEqual } from 'node:crypto';
import { type Credential, type PrincipalKind, hashToken } from './credentials';

/** An authenticated caller. */
export interface Principal {
  name: string;
  /** What it may act as (one or more). */
  kinds: readonly PrincipalKind[];
}

/** Turns what a caller presents into a principal. */
export interface Authenticator {
  /** The principal whose token this is, or undefined for an unknown token. */
  authenticate(token: string): Principal | undefined;
  /** The principal named by a verified client certificate's CN, if the file lists it. */
  byName(name: string): Principal | undefined;
}

/**
 * Tokens checked against their SHA-256 hashes: the lookup is by hash (an
 * attacker cannot steer which hash a guess lands on), then the two hashes
 * are compared in constant time.
 */
export class CredentialsAuthenticator implements Authenticator {
  private readonly byHash = new Map<string, Credential>();
  private readonly byPrincipal = new Map<string, Credential>();

  constructor(credentials: readonly Credential[]) {
    for (const c of credentials) {
      this.byHash.set(c.tokenSha256, c);
      this.byPrincipal.set(c.principal, c);
    }
  }

  authenticate(token: string): Principal | undefined {
    const hash = hashToken(token);
    const found = this.byHash.get(hash);
    if (!found) return undefined;
    if (!timingSafeEqual(Buffer.from(found.tokenSha256, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return { name: found.principal, kinds: found.kinds };
  }

  byName(name: string): Principal | undefined {
    const found = this.byPrincipal.get(name);
    return found ? { name: found.principal, kinds: found.kinds } : undefined;
  }

  /** How many principals of each kind (for the startup log line). */
  counts(): Record<PrincipalKind, number> {
    const out: Record<PrincipalKind, number> = { framework: 0, agent: 0, operator: 0, master: 0 };
    for (const c of this.byPrincipal.values()) for (const k of c.kinds) out[k]++;
    return out;
  }
}

/** A fixed table of tokens, for unit tests. */
export class InMemoryAuthenticator implements Authenticator {
  constructor(private readonly tokens: ReadonlyMap<string, Principal>) {}

  authenticate(token: string): Principal | undefined {
    return this.tokens.get(token);
  }

  byName(name: string): Principal | undefined {
    for (const p of this.tokens.values()) if (p.name === name) return p;
    return undefined;
  }
}
