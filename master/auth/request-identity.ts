/**
 * What a caller presents, read from a gRPC call or an HTTP request: the
 * bearer token (`authorization: Bearer <token>`; for HTTP also the web
 * UI's session cookie, and Mesos's HTTP Basic authentication,
 * `authorization: Basic base64(principal:secret)`, whose secret is the
 * principal's token) and the subject CN of a client certificate that
 * verified against the daemon's CA. Read defensively: plaintext ports have
 * no certificate, and an unverified one is ignored.
 */
import type { IncomingMessage } from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';

/** What a caller presented. */
export interface Presented {
  /** The bearer token, if any. */
  token?: string;
  /** A header that is not `Bearer <token>` (named in the refusal). */
  malformed?: string;
  /** Subject CN of a verified client certificate. */
  certificateName?: string;
  /** The web UI's session id (HTTP only). */
  session?: string;
  /** HTTP Basic credentials (HTTP only): the principal and its secret (the principal's token). */
  basic?: { principal: string; secret: string };
}

/** Name of the web UI's session cookie. */
export const SESSION_COOKIE = 'meseta_session';

function bearer(value: string | undefined, into: Presented): void {
  if (value === undefined || value === '') return;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value);
  if (m) into.token = m[1];
  else into.malformed = 'authorization: expected "Bearer <token>"';
}

function commonName(certificate: PeerCertificate | undefined): string | undefined {
  if (!certificate || !certificate.raw) return undefined;
  const cn = (certificate.subject as Record<string, unknown> | undefined)?.CN;
  if (typeof cn === 'string' && cn !== '') return cn;
  return undefined;
}

/** A grpc-js server call, as far as identity goes. */
export interface GrpcCallLike {
  metadata: { get(key: string): Array<string | Buffer> };
  getAuthContext?(): { sslPeerCertificate?: PeerCertificate } | null | undefined;
}

/** What the caller of a gRPC call presented. */
export function presentedByCall(call: GrpcCallLike): Presented {
  const out: Presented = {};
  const values = call.metadata.get('authorization');
  if (values.length > 1) out.malformed = 'authorization: given more than once';
  else bearer(values.length === 1 ? String(values[0]) : undefined, out);
  try {
    // grpc-js fills the certificate only for a verified (authorized) TLS peer.
    out.certificateName = commonName(call.getAuthContext?.()?.sslPeerCertificate ?? undefined);
  } catch {
    /* no TLS context */
  }
  return out;
}

/** Cookie values by name (first wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * `Basic base64(principal:secret)` (RFC 7617, as Mesos's HTTP authenticator
 * takes it). True when the header is a Basic one (well formed or not).
 */
export function basicAuthorization(value: string | undefined, into: Presented): boolean {
  const m = /^Basic(?:[ \t]+(\S*))?[ \t]*$/i.exec(value ?? '');
  if (!m) return false;
  const text = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (!m[1] || !/^[A-Za-z0-9+/]+={0,2}$/.test(m[1]) || colon <= 0 || colon === text.length - 1) {
    into.malformed = 'authorization: expected "Basic <base64 of principal:secret>" with a principal and a secret';
    return true;
  }
  into.basic = { principal: text.slice(0, colon), secret: text.slice(colon + 1) };
  return true;
}

/** What the sender of an HTTP request presented. */
export function presentedByRequest(req: Pick<IncomingMessage, 'headers' | 'socket'>): Presented {
  const out: Presented = {};
  if (!basicAuthorization(req.headers.authorization, out)) bearer(req.headers.authorization, out);
  const session = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (session) out.session = session;
  const socket = req.socket as Partial<TLSSocket>;
  try {
    if (socket.encrypted && socket.authorized && typeof socket.getPeerCertificate === 'function') out.certificateName = commonName(socket.getPeerCertificate());
  } catch {
    /* no TLS */
  }
  return out;
}
