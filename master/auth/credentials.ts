/**
 * The master's `--credentials FILE`: who may talk to the cluster, and as
 * what. In the spirit of Mesos's `--credentials` (principal + secret), with
 * bearer tokens and a kind (or a list of kinds) per principal:
 *
 * ```json
 * {
 *   "credentials": [
 *     { "principal": "ops",     "kind": ["operator", "framework"], "token_sha256": "9f86d0…" },
 *     { "principal": "web",     "kind": "framework", "token": "s3cret-web" },
 *     { "principal": "agents",  "kind": "agent",     "token_sha256": "…" },
 *     { "principal": "master",  "kind": "master",    "token_sha256": "…" }
 *   ]
 * }
 * ```
 *
 * A token is given either as text (`token`, at least 16 characters) or as
 * the hex SHA-256 of its text (`token_sha256`, so the file holds nothing a
 * reader could present). Only hashes are kept in memory. Kinds: `framework`
 * (Scheduler API), `agent` (agent link), `operator` (Operator API, HTTP,
 * web UI), `master` (the master's own credential, which agents accept for
 * relayed debug sessions and sandbox reads).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/** What a principal is allowed to be. */
export type PrincipalKind = 'framework' | 'agent' | 'operator' | 'master';

/** Every kind, in the order error messages list them. */
export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['framework', 'agent', 'operator', 'master'];

/** One principal of the credentials file, its token kept only as a hash. */
export interface Credential {
  principal: string;
  /** What it may act as; `meseta run` is a framework, so a CLI user's principal is often both. */
  kinds: PrincipalKind[];
  /** Hex SHA-256 of the token's UTF-8 text. */
  tokenSha256: string;
}

/** Shortest token accepted in clear text: shorter ones are guessable. */
export const MIN_TOKEN_LENGTH = 16;

/** Longest principal name (the same limit as FrameworkInfo.principal). */
const MAX_PRINCIPAL_BYTES = 1024;

/** Hex SHA-256 of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A credentials file that cannot be used; the message names the field. */
export class CredentialsError extends Error {}

/**
 * Parse the text of a credentials file. Throws {@link CredentialsError}
 * naming the field (`credentials[2].kind: "admin" is not one of framework,
 * agent, operator, master`).
 */
export function parseCredentials(text: string, source = 'credentials file'): Credential[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CredentialsError(`${source}: not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CredentialsError(`${source}: must be a JSON object with a "credentials" list`);
  const unknownTop = Object.keys(doc).filter((k) => k !== 'credentials');
  if (unknownTop.length > 0) throw new CredentialsError(`${source}: ${unknownTop[0]}: unknown field (the file holds only "credentials")`);
  const list = (doc as { credentials?: unknown }).credentials;
  if (!Array.isArray(list)) throw new CredentialsError(`${source}: credentials: required, a list of { principal, kind, token | token_sha256 }`);
  const out: Credential[] = [];
  const principals = new Set<string>();
  const hashes = new Map<string, string>();
  list.forEach((entry, i) => {
    const at = `credentials[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new CredentialsError(`${at}: must be an object`);
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      if (!['principal', 'kind', 'token', 'token_sha256'].includes(k)) throw new CredentialsError(`${at}.${k}: unknown field (allowed: principal, kind, token, token_sha256)`);
    }
    const principal = e.principal;
    if (typeof principal !== 'string' || principal === '') throw new CredentialsError(`${at}.principal: required, a non-empty string`);
    if (Buffer.byteLength(principal) > MAX_PRINCIPAL_BYTES) throw new CredentialsError(`${at}.principal: longer than ${MAX_PRINCIPAL_BYTES} bytes`);
    if (/[\s\x00-\x1f]/.test(principal)) throw new CredentialsError(`${at}.principal: "${principal}" holds whitespace or control characters`);
    if (principals.has(principal)) throw new CredentialsError(`${at}.principal: "${principal}" is listed twice`);
    const kindList = Array.isArray(e.kind) ? e.kind : [e.kind];
    if (kindList.length === 0) throw new CredentialsError(`${at}.kind: an empty list; give one or more of ${PRINCIPAL_KINDS.join(', ')}`);
    kindList.forEach((kind, k) => {
      if (typeof kind !== 'string' || !(PRINCIPAL_KINDS as readonly string[]).includes(kind)) {
        throw new CredentialsError(`${at}.kind${Array.isArray(e.kind) ? `[${k}]` : ''}: ${JSON.stringify(kind ?? null)} is not one of ${PRINCIPAL_KINDS.join(', ')}`);
      }
    });
    const kinds = [...new Set(kindList as PrincipalKind[])];
    let tokenSha256: string;
    if (e.token !== undefined && e.token_sha256 !== undefined) throw new CredentialsError(`${at}: give token or token_sha256, not both`);
    if (e.token !== undefined) {
      if (typeof e.token !== 'string') throw new CredentialsError(`${at}.token: must be a string`);
      if (e.token.length < MIN_TOKEN_LENGTH) throw new CredentialsError(`${at}.token: ${e.token.length} characters; at least ${MIN_TOKEN_LENGTH} are required`);
      if (/[\s\x00-\x1f]/.test(e.token)) throw new CredentialsError(`${at}.token: holds whitespace or control characters (it travels in an HTTP header)`);
      tokenSha256 = hashToken(e.token);
    } else if (e.token_sha256 !== undefined) {
      if (typeof e.token_sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(e.token_sha256)) throw new CredentialsError(`${at}.token_sha256: must be 64 hex digits (sha256sum of the token)`);
      tokenSha256 = e.token_sha256.toLowerCase();
    } else {
      throw new CredentialsError(`${at}: token or token_sha256 is required`);
    }
    const other = hashes.get(tokenSha256);
    if (other !== undefined) throw new CredentialsError(`${at}.token: the same token as principal "${other}"; each principal needs its own`);
    hashes.set(tokenSha256, principal);
    principals.add(principal);
    out.push({ principal, kinds, tokenSha256 });
  });
  return out;
}

/** Read and parse a credentials file; errors name the file and the field. */
export function loadCredentialsFile(file: string): Credential[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CredentialsError(`--credentials ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseCredentials(text, `--credentials ${file}`);
}

/**
 * A client's own credential (`--credential FILE` of agents, the master's
 * relay): `{ "principal": "...", "token": "..." }`, or the token alone as
 * the file's only line.
 */
export function parseOwnCredential(text: string, source = 'credential file'): { principal?: string; token: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      throw new CredentialsError(`${source}: not JSON (${(e as Error).message})`);
    }
    const d = doc as Record<string, unknown>;
    if (typeof d.token !== 'string' || d.token === '') throw new CredentialsError(`${source}: token: required, a non-empty string`);
    if (d.principal !== undefined && typeof d.principal !== 'string') throw new CredentialsError(`${source}: principal: must be a string`);
    return { principal: d.principal as string | undefined, token: d.token };
  }
  if (trimmed === '' || /\s/.test(trimmed)) throw new CredentialsError(`${source}: must hold one token (no spaces) or { "principal", "token" }`);
  return { token: trimmed };
}
