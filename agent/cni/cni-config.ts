/**
 * The pure half of Meseta's CNI support (no I/O): reading network config
 * files (`.conf`: one plugin; `.conflist`: a chain), building what each
 * plugin gets (environment per the CNI spec, its config on stdin with the
 * network's name and cniVersion, `prevResult` of the plugin before it,
 * `runtimeConfig.portMappings` for plugins that declare the capability),
 * and reading a plugin's answer (the addresses it gave, or its error).
 */

/** One CNI network: its name, spec version and plugin chain (each a plugin's own config object). */
export interface CniNetwork {
  name: string;
  cniVersion: string;
  plugins: Array<Record<string, unknown>>;
  /** The file it was read from. */
  file: string;
}

/** A port mapping as CNI's portmap plugin takes it in `runtimeConfig.portMappings`. */
export interface CniPortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** A bad config file or plugin answer; the message names the file or plugin and the field. */
export class CniError extends Error {}

/** The CNI operations Meseta runs. */
export type CniCommand = 'ADD' | 'DEL' | 'CHECK';

/** The interface name every container gets on its CNI network. */
export const CNI_IFNAME = 'eth0';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parse one network config file's text: a `.conflist` has `plugins` (a
 * non-empty list), a `.conf` is a single plugin. Throws a {@link CniError}
 * naming `file` and the field.
 */
export function parseNetworkConfig(text: string, file: string): CniNetwork {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CniError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (!isObject(parsed)) throw new CniError(`${file}: must hold a JSON object`);
  const name = parsed.name;
  if (typeof name !== 'string' || name.trim() === '') throw new CniError(`${file}: name: required (the network's name)`);
  const cniVersion = parsed.cniVersion;
  if (typeof cniVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(cniVersion)) {
    throw new CniError(`${file}: cniVersion: required, such as "1.0.0" (got ${JSON.stringify(cniVersion)})`);
  }
  const isList = file.endsWith('.conflist') || 'plugins' in parsed;
  let plugins: Array<Record<string, unknown>>;
  if (isList) {
    const list = parsed.plugins;
    if (!Array.isArray(list) || list.length === 0) throw new CniError(`${file}: plugins: required, a non-empty list`);
    plugins = list.map((p, i) => {
      if (!isObject(p)) throw new CniError(`${file}: plugins[${i}]: must be an object`);
      return p;
    });
  } else {
    plugins = [parsed];
  }
  plugins.forEach((p, i) => {
    const type = p.type;
    const at = isList ? `plugins[${i}].type` : 'type';
    if (typeof type !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(type)) {
      throw new CniError(`${file}: ${at}: required, a plugin binary's name (got ${JSON.stringify(type)})`);
    }
  });
  return { name, cniVersion, plugins, file };
}

/** The environment of one plugin call (CNI spec: CNI_COMMAND, CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_PATH). */
export function cniEnvironment(command: CniCommand, containerId: string, netnsPath: string, pluginsDir: string): Record<string, string> {
  return {
    CNI_COMMAND: command,
    CNI_CONTAINERID: containerId,
    CNI_NETNS: netnsPath,
    CNI_IFNAME: CNI_IFNAME,
    CNI_PATH: pluginsDir,
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
  };
}

/**
 * What plugin `index` of `network` reads on stdin: its own config with the
 * network's name and cniVersion, `prevResult` when given (the result of the
 * plugin before it for ADD, the chain's result for DEL and CHECK), and
 * `runtimeConfig.portMappings` when the plugin declares the `portMappings`
 * capability and there are any.
 */
export function pluginStdin(network: CniNetwork, index: number, prevResult: unknown, portMappings: readonly CniPortMapping[]): string {
  const plugin = network.plugins[index];
  const config: Record<string, unknown> = { ...plugin, name: network.name, cniVersion: network.cniVersion };
  if (prevResult !== undefined) config.prevResult = prevResult;
  const capabilities = isObject(plugin.capabilities) ? plugin.capabilities : {};
  if (capabilities.portMappings === true && portMappings.length > 0) {
    config.runtimeConfig = { ...(isObject(plugin.runtimeConfig) ? plugin.runtimeConfig : {}), portMappings: portMappings.map((m) => ({ ...m })) };
  }
  return JSON.stringify(config);
}

/** The addresses a plugin chain gave: `ip_addresses` in Mesos's shape (no prefix length). */
export interface CniAddress {
  protocol: 'IPv4' | 'IPv6';
  address: string;
}

/**
 * Read a plugin's stdout. A result object (`ips[].address` in CIDR form;
 * 0.3/0.4 results also have `version`) gives the parsed result and its
 * addresses; an error object (`code`, `msg`, `details`) or anything else
 * throws a {@link CniError} naming the plugin.
 */
export function parseCniResult(stdout: string, plugin: string): { result: Record<string, unknown>; addresses: CniAddress[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new CniError(`CNI plugin ${plugin}: answered no JSON: ${stdout.trim().slice(0, 200) || '(nothing)'}`);
  }
  if (!isObject(parsed)) throw new CniError(`CNI plugin ${plugin}: answered ${JSON.stringify(parsed)}, not an object`);
  if (parsed.code !== undefined && parsed.msg !== undefined) throw new CniError(cniErrorText(parsed, plugin));
  const addresses: CniAddress[] = [];
  const ips = Array.isArray(parsed.ips) ? parsed.ips : [];
  for (const ip of ips) {
    if (!isObject(ip) || typeof ip.address !== 'string') continue;
    const address = ip.address.split('/')[0];
    addresses.push({ protocol: address.includes(':') ? 'IPv6' : 'IPv4', address });
  }
  return { result: parsed, addresses };
}

/** A CNI error object as one line: `CNI plugin <p>: <msg> (<details>) [code n]`. */
export function cniErrorText(error: Record<string, unknown>, plugin: string): string {
  const details = typeof error.details === 'string' && error.details !== '' ? ` (${error.details})` : '';
  return `CNI plugin ${plugin}: ${String(error.msg)}${details} [code ${String(error.code)}]`;
}

/** The error of a failed plugin run: its JSON error on stdout when it wrote one, else its stderr or exit code. */
export function failedPluginText(plugin: string, code: number, stdout: string, stderr: string): string {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (isObject(parsed) && parsed.msg !== undefined) return cniErrorText(parsed, plugin);
  } catch {
    // not JSON: fall through
  }
  const said = (stderr.trim() || stdout.trim()).slice(0, 300);
  return `CNI plugin ${plugin}: exited with ${code}${said ? `: ${said}` : ''}`;
}
