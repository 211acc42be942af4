/**
 * gRPC side of a client's credentials: channel credentials (TLS when a CA
 * is configured) and an interceptor sending `authorization: Bearer <token>`
 * as call metadata (grpc-js refuses call credentials on plaintext
 * channels; metadata works on both). Everything else (where the config
 * comes from, HTTP options) is in `./client-config`, re-exported here.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { credentials, InterceptingCall, type ChannelCredentials, type ChannelOptions, type Interceptor } from '@grpc/grpc-js';
import { bearer, type ClientSecurity } from './client-config';

export * from './client-config';

/** grpc-js channel credentials: TLS verified against `ca` (with the client certificate) when a CA is set, else plaintext. */
export function channelCredentialsFor(security: ClientSecurity): ChannelCredentials {
  if (!security.ca) return credentials.createInsecure();
  return credentials.createSsl(security.ca, security.key ?? null, security.cert ?? null);
}

/** A client interceptor adding `authorization: Bearer <token>` to every call's metadata. */
export function bearerTokenInterceptor(token: string): Interceptor {
  const value = bearer(token);
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set('authorization', value);
        next(metadata, listener);
      },
    });
}

/** Client constructor options (merge them into the channel options) that send the token, if any. */
export function grpcClientOptionsFor(security: ClientSecurity): { interceptors?: Interceptor[] } {
  return security.token ? { interceptors: [bearerTokenInterceptor(security.token)] } : {};
}


/**
 * SNI name sent when the server is dialled by IP address: TLS forbids an IP
 * as server name (RFC 6066; Node warns, DEP0123), and grpc-js would send
 * the IP. The server's certificate is still checked against the IP.
 */
export const IP_SERVER_NAME_PLACEHOLDER = 'meseta-ip-address.invalid';

/** The host of `host:port` / `[v6]:port`, without brackets. */
function hostOf(address: string): string {
  const colon = address.lastIndexOf(':');
  const host = colon > 0 && /^\d+$/.test(address.slice(colon + 1)) ? address.slice(0, colon) : address;
  return host.replace(/^\[|\]$/g, '');
}

/**
 * Credentials and channel options for a gRPC client of `address`
 * (`host:port`): TLS when `security` has a CA (the server's certificate
 * checked against the host, IP SANs for an IP), plaintext otherwise, and
 * the bearer-token interceptor when there is a token. Spread `options`
 * into the client's channel options.
 */
export function grpcChannelFor(security: ClientSecurity, address: string): { credentials: ChannelCredentials; options: ChannelOptions } {
  const options: ChannelOptions = { ...grpcClientOptionsFor(security) };
  if (!security.ca) return { credentials: credentials.createInsecure(), options };
  const host = hostOf(address);
  if (!net.isIP(host)) return { credentials: channelCredentialsFor(security), options };
  options['grpc.ssl_target_name_override'] = IP_SERVER_NAME_PLACEHOLDER;
  const checked = credentials.createSsl(security.ca, security.key ?? null, security.cert ?? null, {
    checkServerIdentity: (_placeholder, certificate) => tls.checkServerIdentity(host, certificate),
  });
  return { credentials: checked, options };
}
