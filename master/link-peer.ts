/**
 * The address an agent's link really comes from, as grpc-js reports a
 * call's peer (`127.0.0.1:53312`, `ipv4:192.0.2.1:5`, `[::1]:5`,
 * `ipv6:[::1]:5`): the host only, or undefined for anything else (a unix
 * socket, an empty peer). The files relay calls an agent at this host
 * rather than the host name the agent declared, so an admitted agent
 * cannot point the master's requests at another machine.
 */
import { isIP } from 'node:net';

/** The host of a grpc-js peer string (no port, no brackets), or undefined. */
export function peerHost(peer: string | undefined): string | undefined {
  if (!peer) return undefined;
  const text = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return isIP(bracketed[1]) === 6 ? bracketed[1] : undefined;
  const plain = /^([^:]+)(?::\d+)?$/.exec(text);
  if (plain) return isIP(plain[1]) === 4 ? plain[1] : undefined;
  return isIP(text) === 6 ? text : undefined;
}

/** `host:port` for a URL: IPv6 hosts in brackets. */
export function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
