/**
 * (No gRPC code here: the CLI's read verbs load this module and must stay
 * light; the gRPC helpers are in `./client-security`.)
 *
 * How a Meseta client (SDK, CLI, an agent talking to its master, the master
 * relaying to an agent) finds and uses its credentials: a CA to verify the
 * server, an optional client certificate, an optional bearer token.
 *
 * Where they come from, later sources winning field by field (as
 * kubeconfig / `NOMAD_TOKEN`):
 * 1. a JSON config file `{ "master", "ca", "cert", "key", "token" }`: the
 *    path in `$MESETA_CONFIG` (which must exist), else
 *    `~/.meseta/config.json` when present; relative paths in it are read
 *    from the file's folder;
 * 2. the environment: `MESETA_MASTER`, `MESETA_CA_CERT`,
 *    `MESETA_CLIENT_CERT`, `MESETA_CLIENT_KEY`, `MESETA_TOKEN`;
 * 3. explicit values (CLI flags, SDK options).
 *
 * A client uses TLS exactly when a CA is configured, and sends the token as
 * `authorization: Bearer <token>` (gRPC metadata through an interceptor,
 * which works on plaintext channels too, unlike grpc-js call credentials;
 * the HTTP `Authorization` header).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

/** Environment variable naming the config file. */
export const CONFIG_ENV = 'MESETA_CONFIG';
/** The config file read when `$MESETA_CONFIG` is not set, under the home folder. */
export const DEFAULT_CONFIG_PATH = path.join('.meseta', 'config.json');

/** A client's configuration: paths of PEM files, not their contents. */
export interface ClientConfig {
  /** Master address `host:port` (or `zk://…`). */
  master?: string;
  /** CA certificate(s) that sign the servers' certificates; TLS is used when set. */
  ca?: string;
  /** Client certificate (mutual TLS). */
  cert?: string;
  /** The client certificate's private key. */
  key?: string;
  /** Bearer token sent as `authorization: Bearer <token>`. */
  token?: string;
}

/** The fields of {@link ClientConfig}. */
export const CLIENT_CONFIG_FIELDS = ['master', 'ca', 'cert', 'key', 'token'] as const;
type Field = (typeof CLIENT_CONFIG_FIELDS)[number];

/** The environment variable of each field. */
export const CLIENT_CONFIG_ENV: Readonly<Record<Field, string>> = {
  master: 'MESETA_MASTER',
  ca: 'MESETA_CA_CERT',
  cert: 'MESETA_CLIENT_CERT',
  key: 'MESETA_CLIENT_KEY',
  token: 'MESETA_TOKEN',
};

/** A resolved config with where each field came from (for messages). */
export interface ResolvedClientConfig extends ClientConfig {
  /** Per field: `$MESETA_TOKEN`, `config file /x/config.json`, `--token`, … */
  origin: Partial<Record<Field, string>>;
}

/** A config layer and how to name it in messages. */
export interface ClientConfigLayer {
  values: ClientConfig;
  /** E.g. `config file /x/config.json`, or a function naming the source of one field. */
  origin: string | ((field: Field) => string);
}

/**
 * Merge layers, lowest precedence first: each field takes the value of the
 * last layer that sets it (an empty string does not set it).
 */
export function mergeClientConfig(layers: readonly ClientConfigLayer[]): ResolvedClientConfig {
  const resolved: ResolvedClientConfig = { origin: {} };
  for (const layer of layers) {
    for (const field of CLIENT_CONFIG_FIELDS) {
      const value = layer.values[field];
      if (value === undefined || value === '') continue;
      resolved[field] = value;
      resolved.origin[field] = typeof layer.origin === 'string' ? layer.origin : layer.origin(field);
    }
  }
  return resolved;
}

/** The environment's layer ({@link CLIENT_CONFIG_ENV}). */
export function environmentLayer(env: NodeJS.ProcessEnv): ClientConfigLayer {
  const values: ClientConfig = {};
  for (const field of CLIENT_CONFIG_FIELDS) {
    const value = env[CLIENT_CONFIG_ENV[field]];
    if (value !== undefined && value !== '') values[field] = value;
  }
  return { values, origin: (field) => `$${CLIENT_CONFIG_ENV[field]}` };
}

/** A config file that cannot be used; the message names the file and the field. */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
}

/**
 * Parse a config file's text. Unknown fields and non-string values are
 * refused naming them; relative paths are taken from `filePath`'s folder.
 */
export function parseClientConfigFile(text: string, filePath: string): ClientConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ClientConfigError(`config file ${filePath}: not JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ClientConfigError(`config file ${filePath}: must be a JSON object with ${CLIENT_CONFIG_FIELDS.join(', ')}`);
  }
  const config: ClientConfig = {};
  for (const [field, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(CLIENT_CONFIG_FIELDS as readonly string[]).includes(field)) {
      throw new ClientConfigError(`config file ${filePath}: unknown field "${field}" (known: ${CLIENT_CONFIG_FIELDS.join(', ')})`);
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new ClientConfigError(`config file ${filePath}: ${field} must be a string, not ${typeof value}`);
    const isPath = field === 'ca' || field === 'cert' || field === 'key';
    config[field as Field] = isPath && value !== '' ? path.resolve(path.dirname(filePath), value) : value;
  }
  return config;
}

/** The file reading {@link loadClientConfig} needs; replaced in tests. */
export interface ConfigFileReader {
  /** The file's text, or undefined when it does not exist. */
  read(filePath: string): string | undefined;
}

const diskReader: ConfigFileReader = {
  read: (filePath) => {
    try {
      return fs.readFileSync(filePath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ClientConfigError(`config file ${filePath}: ${(e as Error).message}`);
    }
  },
};

/** Where {@link loadClientConfig} looks. */
export interface LoadClientConfigOptions {
  /** Explicit values (flags, SDK options), the highest precedence. */
  explicit?: ClientConfig;
  /** How to name an explicit field in messages. @default `field` */
  explicitOrigin?: (field: Field) => string;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default os.homedir() */
  homeDir?: string;
  /** @default the disk */
  reader?: ConfigFileReader;
}

/**
 * The client config: file, then environment, then explicit values (see the
 * module comment). `$MESETA_CONFIG` naming a missing file is an error; a
 * missing `~/.meseta/config.json` is not.
 */
export function loadClientConfig(options: LoadClientConfigOptions = {}): ResolvedClientConfig {
  const env = options.env ?? process.env;
  const reader = options.reader ?? diskReader;
  const layers: ClientConfigLayer[] = [];
  const named = env[CONFIG_ENV];
  const filePath = named ? path.resolve(named) : path.join(options.homeDir ?? os.homedir(), DEFAULT_CONFIG_PATH);
  const text = reader.read(filePath);
  if (text === undefined && named) throw new ClientConfigError(`$${CONFIG_ENV}: config file ${filePath} does not exist`);
  if (text !== undefined) layers.push({ values: parseClientConfigFile(text, filePath), origin: `config file ${filePath}` });
  layers.push(environmentLayer(env));
  if (options.explicit) layers.push({ values: options.explicit, origin: options.explicitOrigin ?? ((field) => field) });
  return mergeClientConfig(layers);
}

/** What a client presents and trusts: PEM contents, not paths. */
export interface ClientSecurity {
  /** CA certificate(s) to verify the server with; TLS is used when set. */
  ca?: Buffer;
  /** Client certificate (sent only when `ca` is set, i.e. over TLS). */
  cert?: Buffer;
  /** The client certificate's private key. */
  key?: Buffer;
  /** Bearer token. */
  token?: string;
}

/** No TLS, no token: what a client without any configuration uses. */
export const PLAINTEXT: ClientSecurity = Object.freeze({});

/**
 * Read the PEM files a config names. A missing or unreadable file, a
 * certificate without its key (or the reverse), or a token with line
 * breaks is refused naming the field and where it came from.
 */
export function readClientSecurity(config: ResolvedClientConfig, readFile: (p: string) => Buffer = (p) => fs.readFileSync(p)): ClientSecurity {
  const describe = (field: Field): string => `${field} (from ${config.origin[field] ?? 'defaults'})`;
  const read = (field: 'ca' | 'cert' | 'key'): Buffer | undefined => {
    const file = config[field];
    if (!file) return undefined;
    try {
      return readFile(file);
    } catch (e) {
      throw new ClientConfigError(`${describe(field)}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  if (Boolean(config.cert) !== Boolean(config.key)) {
    const given: Field = config.cert ? 'cert' : 'key';
    throw new ClientConfigError(`${describe(given)}: a client certificate needs both cert and key; ${given === 'cert' ? 'key' : 'cert'} is missing`);
  }
  if (config.token !== undefined) checkToken(config.token, describe('token'));
  return { ca: read('ca'), cert: read('cert'), key: read('key'), token: config.token };
}

/** Throws unless `token` can travel in one header line. */
export function checkToken(token: string, name = 'token'): void {
  if (token.trim() === '' || /[\r\n\0]/.test(token) || token !== token.trim()) {
    throw new ClientConfigError(`${name}: must be one line of text without surrounding spaces`);
  }
}

/** {@link loadClientConfig} then {@link readClientSecurity}: what a client with no flags uses. */
export function clientSecurityFromEnvironment(options: LoadClientConfigOptions = {}): { config: ResolvedClientConfig; security: ClientSecurity } {
  const config = loadClientConfig(options);
  return { config, security: readClientSecurity(config) };
}

/** True when the client talks TLS (a CA is configured). */
export function usesTls(security: ClientSecurity): boolean {
  return security.ca !== undefined;
}

/** The `authorization` header value for `token`. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** What an HTTP(S) request needs: the scheme, TLS options for `https.request`, headers. */
export interface HttpRequestSecurity {
  /** `https:` when a CA is configured, else `http:`. */
  protocol: 'http:' | 'https:';
  /** `ca`, `cert`, `key` to spread into `https.request` options (empty for http). */
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  /** `{ authorization: 'Bearer …' }` when a token is set. */
  headers: Record<string, string>;
}

/** Options for `http.request` / `https.request` from a client's security. */
export function httpRequestSecurityFor(security: ClientSecurity): HttpRequestSecurity {
  return {
    protocol: security.ca ? 'https:' : 'http:',
    tls: security.ca ? { ca: security.ca, cert: security.cert, key: security.key } : {},
    headers: security.token ? { authorization: bearer(security.token) } : {},
  };
}

/** `https.request` when the client talks TLS, else `http.request`. */
export function httpRequestFunctionFor(security: ClientSecurity): typeof http.request {
  return security.ca ? https.request : http.request;
}
