/**
 * The master's trust decisions in one place: who is calling (a
 * {@link Presented} credential → a {@link Principal}, or a refusal), and
 * may they do this (the ACLs). Without `--credentials` it is open: every
 * caller is anonymous and allowed, as before security existed (dev, tests).
 *
 * Refusals are data: the gRPC/HTTP layers turn them into UNAUTHENTICATED /
 * 401 and PERMISSION_DENIED / 403 with the message as given.
 */
import { randomBytes } from 'node:crypto';
import type { Authenticator, Principal } from './authenticator';
import type { PrincipalKind } from './credentials';
import { type AclAction, authorize, deniedMessage } from './acls';
import type { AclSource } from './acl-file';
import type { Presented } from './request-identity';

/** Why a call is refused. */
export interface TrustRefusal {
  refused: 'unauthenticated' | 'permission_denied';
  message: string;
}

/** True for a refusal (as opposed to a principal or anonymous). */
export function isRefusal(v: unknown): v is TrustRefusal {
  return typeof v === 'object' && v !== null && 'refused' in v;
}

/** How long a web UI session lasts after login. */
export const SESSION_SECONDS = 12 * 3600;

/** Options of {@link MasterTrust}. */
export interface MasterTrustOptions {
  /** Who is who; none: the master is open (no authentication, no ACLs). */
  authenticator?: Authenticator;
  /** The ACLs in force; none: every authenticated principal may do everything (frameworks still act only on their own). */
  acls?: AclSource;
  /** Current time in milliseconds (sessions expire). @default Date.now */
  now?: () => number;
}

/** Authentication and authorization as the master applies them. */
export class MasterTrust {
  private readonly sessions = new Map<string, { principal: Principal; expires: number }>();
  private readonly now: () => number;

  constructor(private readonly options: MasterTrustOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** True when callers must authenticate. */
  get enabled(): boolean {
    return this.options.authenticator !== undefined;
  }

  /**
   * The principal behind what a caller presented, checked to be one of
   * `kinds` for `endpoint` (named in refusals, e.g. `Scheduler.Subscribe`).
   * Undefined (anonymous) when authentication is off.
   */
  identify(presented: Presented, endpoint: string, kinds: readonly PrincipalKind[]): Principal | undefined | TrustRefusal {
    const auth = this.options.authenticator;
    if (!auth) return undefined;
    let principal: Principal | undefined;
    if (presented.malformed) return { refused: 'unauthenticated', message: `${endpoint}: ${presented.malformed}` };
    if (presented.token !== undefined) {
      principal = auth.authenticate(presented.token);
      if (!principal) return { refused: 'unauthenticated', message: `${endpoint}: the bearer token matches no principal in the master's --credentials` };
    } else if (presented.basic !== undefined) {
      // Mesos's HTTP Basic authentication: the secret is the principal's token, and must be that principal's.
      principal = auth.authenticate(presented.basic.secret);
      if (!principal || principal.name !== presented.basic.principal) {
        return { refused: 'unauthenticated', message: `${endpoint}: Basic credentials of principal "${presented.basic.principal}" do not match the master's --credentials (the secret is the principal's token)` };
      }
    } else if (presented.certificateName !== undefined) {
      principal = auth.byName(presented.certificateName);
      if (!principal) return { refused: 'unauthenticated', message: `${endpoint}: client certificate CN "${presented.certificateName}" is not a principal in the master's --credentials` };
    } else if (presented.session !== undefined) {
      principal = this.session(presented.session);
      if (!principal) return { refused: 'unauthenticated', message: `${endpoint}: the session expired or is unknown; log in again` };
    } else {
      return { refused: 'unauthenticated', message: `${endpoint}: a credential is required (authorization: Bearer <token>, or a client certificate)` };
    }
    if (!principal.kinds.some((k) => kinds.includes(k))) {
      const what = principal.kinds.join(' and ');
      return { refused: 'permission_denied', message: `${endpoint}: principal "${principal.name}" is ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} credential; this takes ${kinds.join(' or ')} credentials` };
    }
    return principal;
  }

  /**
   * May `principal` do `action` on `object`? A refusal naming the action,
   * the principal and the object, or undefined when allowed. Anonymous
   * callers (authentication off) are always allowed.
   */
  check(principal: Principal | undefined, action: AclAction, object: string): TrustRefusal | undefined {
    if (!principal || !this.options.acls) return undefined;
    const decision = authorize(this.options.acls.current(), principal.name, action, object);
    return decision.allowed ? undefined : { refused: 'permission_denied', message: deniedMessage(action, principal.name, object, decision) };
  }

  /** {@link check} as a boolean (for filtering views). */
  may(principal: Principal | undefined, action: AclAction, object: string): boolean {
    return this.check(principal, action, object) === undefined;
  }

  /** True when this viewer sees everything without asking per record (open master, or no ACLs). */
  seesEverything(principal: Principal | undefined): boolean {
    return !principal || !this.options.acls;
  }

  /** Start a web UI session for an authenticated principal; returns its id (a cookie value). */
  startSession(principal: Principal): string {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expires <= now) this.sessions.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { principal, expires: now + SESSION_SECONDS * 1000 });
    return id;
  }

  /** End a session (logout). A no-op for an unknown id. */
  endSession(id: string): void {
    this.sessions.delete(id);
  }

  private session(id: string): Principal | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s.principal;
  }
}
