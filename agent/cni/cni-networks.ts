/**
 * The agent's CNI network configs (`--network-cni-config-dir`): every
 * `.conf`, `.conflist` and `.json` file, read at start (a bad file stops
 * the agent, named in the error) and again when a network is used, so a
 * file changed while the agent runs is seen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CniError, parseNetworkConfig, type CniNetwork } from './cni-config';

/** The Debian package with the standard CNI plugins. */
export const CNI_PLUGINS_PACKAGE = 'containernetworking-plugins';

/** Default `--network-cni-plugins-dir` (where Debian's package puts the plugins). */
export const DEFAULT_CNI_PLUGINS_DIR = '/usr/lib/cni';

/** Read every network config in `dir`, by name; throws a {@link CniError} naming a bad file or a name used twice. */
export function readNetworkConfigs(dir: string): Map<string, CniNetwork> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.(conf|conflist|json)$/.test(n)).sort();
  } catch (e) {
    throw new CniError(`cannot read ${dir}: ${(e as Error).message}`);
  }
  const networks = new Map<string, CniNetwork>();
  for (const name of names) {
    const file = path.join(dir, name);
    const network = parseNetworkConfig(fs.readFileSync(file, 'utf8'), file);
    const earlier = networks.get(network.name);
    if (earlier) throw new CniError(`${file}: name: "${network.name}" is also the name in ${earlier.file}`);
    networks.set(network.name, network);
  }
  return networks;
}

/** Check the plugins directory and every plugin the configs name; throws naming the missing binary and the package. */
export function checkPlugins(pluginsDir: string, networks: Iterable<CniNetwork>): void {
  if (!fs.existsSync(pluginsDir)) {
    throw new CniError(`${pluginsDir} does not exist (apt-get install ${CNI_PLUGINS_PACKAGE})`);
  }
  for (const network of networks) {
    for (const plugin of network.plugins) {
      const binary = path.join(pluginsDir, String(plugin.type));
      try {
        fs.accessSync(binary, fs.constants.X_OK);
      } catch {
        throw new CniError(`${network.file}: plugin "${String(plugin.type)}" is not in ${pluginsDir} (apt-get install ${CNI_PLUGINS_PACKAGE}, or set --network-cni-plugins-dir)`);
      }
    }
  }
}

/** Network configs read from a directory, read again on each use. */
export class CniNetworks {
  constructor(readonly configDir: string, readonly pluginsDir: string) {}

  /** Read and check everything now (the agent's start). */
  validate(): Map<string, CniNetwork> {
    const networks = readNetworkConfigs(this.configDir);
    checkPlugins(this.pluginsDir, networks.values());
    return networks;
  }

  /** The network called `name` as its file says now; throws naming the known networks when there is none. */
  get(name: string): CniNetwork {
    const networks = readNetworkConfigs(this.configDir);
    const network = networks.get(name);
    if (!network) {
      const known = [...networks.keys()].join(', ') || 'none';
      throw new CniError(`network_infos[0].name: no CNI network "${name}" in ${this.configDir} (known: ${known})`);
    }
    return network;
  }
}
