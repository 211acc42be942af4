/**
 * Which application protocol a TLS connection to a Meseta port speaks.
 *
 * One port serves gRPC (HTTP/2) and HTTP/1.1. A browser, curl or Node's
 * `https` offers `http/1.1` (browsers offer `h2` too, and must reach the
 * HTTP/1.1 handler: the UI, `/state`, the events stream); grpc-js offers
 * only `h2`. So `h2` is picked only when `http/1.1` is not on offer.
 */

/** The protocols a Meseta port answers in ALPN, preferred first. */
export const MESETA_ALPN_PROTOCOLS = ['http/1.1', 'h2'] as const;

/** One of {@link MESETA_ALPN_PROTOCOLS}. */
export type MesetaAlpnProtocol = (typeof MESETA_ALPN_PROTOCOLS)[number];

/**
 * The protocol to answer a client that offered `offered` (ALPN, in the
 * client's order): `http/1.1` whenever it is offered, else `h2`, else
 * undefined (the handshake is refused with `no_application_protocol`).
 */
export function chooseAlpnProtocol(offered: readonly string[]): MesetaAlpnProtocol | undefined {
  for (const protocol of MESETA_ALPN_PROTOCOLS) if (offered.includes(protocol)) return protocol;
  return undefined;
}

/**
 * As {@link chooseAlpnProtocol}, on a port that also serves the agent
 * link's light transport: `meseta-link/1` whenever it is offered (only the
 * link's client offers it).
 */
export function chooseAlpnProtocolWithLink(offered: readonly string[], linkServed: boolean): MesetaAlpnProtocol | 'meseta-link/1' | undefined {
  return linkServed && offered.includes('meseta-link/1') ? 'meseta-link/1' : chooseAlpnProtocol(offered);
}
