/**
 * The client certificate a peer presented on a TLS connection to a Meseta
 * port, for whoever decides who the peer is (the authenticator).
 *
 * Ports ask for a client certificate but do not require one (a client may
 * bring a token instead), so a certificate counts only when it verified
 * against the daemon's CA (`authorized`); an unverified one is ignored.
 */
import type * as http from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';

/** What a grpc-js server call exposes of its connection (grpc-js ≥ 1.14). */
export interface CallWithAuthContext {
  getAuthContext?(): { transportSecurityType?: string; sslPeerCertificate?: PeerCertificate } | null;
}

/**
 * The verified client certificate of a gRPC server call, or undefined for
 * a plaintext connection or a client that presented none (or one the CA
 * did not sign).
 */
export function peerCertificateOfCall(call: CallWithAuthContext): PeerCertificate | undefined {
  const context = call.getAuthContext?.();
  const certificate = context?.sslPeerCertificate;
  return certificate && certificate.raw ? certificate : undefined;
}

/** The verified client certificate of an HTTP request, as {@link peerCertificateOfCall}. */
export function peerCertificateOfRequest(req: Pick<http.IncomingMessage, 'socket'>): PeerCertificate | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.encrypted || !socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined;
  const certificate = socket.getPeerCertificate();
  return certificate && certificate.raw ? certificate : undefined;
}

/** True when the request came over TLS (for `https://` in redirects). */
export function isEncryptedRequest(req: Pick<http.IncomingMessage, 'socket'>): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true;
}
