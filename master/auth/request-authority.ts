/**
 * Who made an HTTP request, as the master's HTTP guard (`http-guard.ts`)
 * established it, for handlers that act (rather than read): the operator
 * API's TEARDOWN checks `teardown_framework` with it. The guard records
 * it before it hands the request on; a handler asks with the request.
 *
 * A request with nothing recorded came through an open master (no
 * `--credentials`): anonymous, and allowed everything, as the master's
 * trust answers for anonymous callers.
 */
import type { IncomingMessage } from 'node:http';
import type { AclAction } from './acls';
import type { TrustRefusal } from './trust';

/** The caller of one request and its ACL checks. */
export interface RequestAuthority {
  /** The authenticated principal; undefined on an open master. */
  readonly principal?: string;
  /** A refusal naming the action, principal and object, or undefined when allowed. */
  check(action: AclAction, object: string): TrustRefusal | undefined;
}

const ANONYMOUS: RequestAuthority = { check: () => undefined };

const byRequest = new WeakMap<IncomingMessage, RequestAuthority>();

/** Record who made `req` (the guard, once it identified the caller). */
export function rememberAuthority(req: IncomingMessage, authority: RequestAuthority): void {
  byRequest.set(req, authority);
}

/** Who made `req`: what the guard recorded, else anonymous (an open master). */
export function authorityOf(req: IncomingMessage): RequestAuthority {
  return byRequest.get(req) ?? ANONYMOUS;
}
