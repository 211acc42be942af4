/**
 * gRPC side of a client's credentials: channel credentials (TLS when a CA
 * is configured) and an interceptor sending `authorization: Bearer <token>`
 * as call metadata (grpc-js refuses call credentials on plaintext
 * channels; metadata works on both). Everything else (where the config
 * comes from, HTTP options) is in `./client-config`, re-exported here.
 */
import { credentials, InterceptingCall, type ChannelCredentials, type Interceptor } from '@grpc/grpc-js';
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

