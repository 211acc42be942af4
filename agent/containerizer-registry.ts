/**
 * The containerizers an agent can be started with, by the name
 * `--containerizers` uses: posix, fake, docker (Docker Engine API) and tar
 * (root filesystem tarballs run by runc).
 */
import { CniAttacher } from './cni/cni-attachment';
import { CniInvoker } from './cni/cni-invoker';
import { checkPlugins, CniNetworks, DEFAULT_CNI_PLUGINS_DIR, readNetworkConfigs } from './cni/cni-networks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normaliseRegistry } from '@meseta/proto/image-reference';
import { credentialsFor, parseDockerConfig, type RegistryCredentials } from './containerizers/registry-auth';
import { silentLogger, type Logger } from '@meseta/runtime/log';
import type { Containerizer } from './containerizer';
import { DockerContainerizer } from './containerizers/docker-containerizer';
import { TarContainerizer } from './containerizers/tar-containerizer';
import { FakeContainerizer } from './fake-containerizer';
import { PosixContainerizer } from './posix-containerizer';
import type { LogRotation } from './log-rotation';
import { AgentFlagError } from './resource-detection';

/** What the image-based containerizers are configured with (agent flags). */
export interface ContainerizerOptions {
  /** The agent's work dir (tar: containers, runc state and, by default, the image store). */
  workDir?: string;
  /** Docker daemon socket (`--docker-socket`). @default $DOCKER_HOST or /var/run/docker.sock */
  dockerSocket?: string;
  /** Image store of the tar containerizer (`--image-store-dir`). @default `<workDir>/images` */
  imageStoreDir?: string;
  /** Limit of the image store in MB (`--image-store-max-mb`). @default no limit */
  imageStoreMaxMb?: number;
  /** The runc binary (`--runc`). @default 'runc' */
  runc?: string;
  /** The agent's cgroup folder (`--cgroups-root`). @default 'meseta' */
  cgroupsRoot?: string;
  /** Registry of image names without one (`--docker-registry`, `host[:port]`). @default docker.io */
  dockerRegistry?: string;
  /** A Docker config file with registry credentials (`--docker-config`, `{"auths": {...}}`). */
  dockerConfig?: string;
  /** CNI network configs (`--network-cni-config-dir`); without, tasks cannot name a CNI network. */
  networkCniConfigDir?: string;
  /** CNI plugin binaries (`--network-cni-plugins-dir`). @default /usr/lib/cni */
  networkCniPluginsDir?: string;
  /** Rotate tasks' stdout/stderr (posix, Docker and tar; `--container-logger-max-size`, `--container-logger-max-files`). @default none */
  logRotation?: LogRotation;
  logger?: Logger;
}

/** Read and check the CNI flags (a bad config file or a missing plugin names the file and the package); undefined without `--network-cni-config-dir`. */
export function cniAttacher(options: ContainerizerOptions): CniAttacher | undefined {
  if (options.networkCniConfigDir === undefined) return undefined;
  const networks = new CniNetworks(path.resolve(options.networkCniConfigDir), path.resolve(options.networkCniPluginsDir ?? DEFAULT_CNI_PLUGINS_DIR));
  let found: ReturnType<typeof readNetworkConfigs>;
  try {
    found = readNetworkConfigs(networks.configDir);
  } catch (e) {
    throw new AgentFlagError('--network-cni-config-dir', (e as Error).message);
  }
  try {
    checkPlugins(networks.pluginsDir, found.values());
  } catch (e) {
    throw new AgentFlagError('--network-cni-plugins-dir', (e as Error).message);
  }
  return new CniAttacher(networks, new CniInvoker(networks.pluginsDir));
}

/** What the registry flags resolve to (read once, when the containerizers are made). */
interface RegistrySettings {
  defaultRegistry?: string;
  registryCredentials?: (registry: string) => RegistryCredentials | undefined;
}

/** Check `--docker-registry` and read `--docker-config`; throws {@link AgentFlagError} naming the flag. */
export function registrySettings(options: ContainerizerOptions): RegistrySettings {
  const settings: RegistrySettings = {};
  if (options.dockerRegistry !== undefined) {
    const host = normaliseRegistry(options.dockerRegistry);
    if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)) {
      throw new AgentFlagError('--docker-registry', `"${options.dockerRegistry}" is not a registry host with an optional port (e.g. registry.example.org:5000)`);
    }
    settings.defaultRegistry = host;
  }
  if (options.dockerConfig !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(options.dockerConfig, 'utf8');
    } catch (e) {
      throw new AgentFlagError('--docker-config', `"${options.dockerConfig}" cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let config: Record<string, RegistryCredentials>;
    try {
      config = parseDockerConfig(text, options.dockerConfig);
    } catch (e) {
      throw new AgentFlagError('--docker-config', (e as Error).message);
    }
    settings.registryCredentials = (registry) => credentialsFor(config, registry);
  }
  return settings;
}

const FACTORIES: Record<string, (options: ContainerizerOptions) => Containerizer> = {
  posix: (o) => new PosixContainerizer({ logRotation: o.logRotation }),
  fake: () => new FakeContainerizer(),
  docker: (o) =>
    new DockerContainerizer({
      socket: o.dockerSocket,
      cgroupsRoot: o.cgroupsRoot,
      logRotation: o.logRotation,
      ...registrySettings(o),
      workDir: o.workDir ?? path.join('/tmp', 'meseta', 'agent'),
      cni: cniAttacher(o),
      logger: (o.logger ?? silentLogger).child('docker'),
    }),
  tar: (o) =>
    new TarContainerizer({
      ...registrySettings(o),
      workDir: o.workDir ?? path.join('/tmp', 'meseta', 'agent'),
      imageStoreDir: o.imageStoreDir,
      imageStoreMaxBytes: o.imageStoreMaxMb === undefined ? undefined : Math.floor(o.imageStoreMaxMb * 1024 * 1024),
      runc: o.runc,
      cgroupsRoot: o.cgroupsRoot,
      cni: cniAttacher(o),
      logRotation: o.logRotation,
      logger: (o.logger ?? silentLogger).child('tar'),
    }),
};

/** Names `--containerizers` accepts. */
export function knownContainerizers(): string[] {
  return Object.keys(FACTORIES);
}

/**
 * Build the containerizers in the order given (a task goes to the first
 * that supports its container). Throws {@link AgentFlagError} for an unknown
 * name, an empty list or a repeated name.
 */
export function createContainerizers(names: readonly string[], options: ContainerizerOptions = {}): Containerizer[] {
  const list = names.map((n) => n.trim()).filter((n) => n !== '');
  if (list.length === 0) throw new AgentFlagError('--containerizers', `at least one is required (known: ${knownContainerizers().join(', ')})`);
  const seen = new Set<string>();
  return list.map((name) => {
    const factory = Object.prototype.hasOwnProperty.call(FACTORIES, name) ? FACTORIES[name] : undefined;
    if (!factory) throw new AgentFlagError('--containerizers', `unknown containerizer "${name}" (known: ${knownContainerizers().join(', ')})`);
    if (seen.has(name)) throw new AgentFlagError('--containerizers', `"${name}" is given twice`);
    seen.add(name);
    try {
      return factory(options);
    } catch (e) {
      if (e instanceof AgentFlagError) throw e;
      throw new AgentFlagError(name === 'docker' ? '--docker-socket' : '--containerizers', (e as Error).message.replace(/^--[\w-]+: /, ''));
    }
  });
}

/**
 * Let every containerizer check what it needs (daemon, runtime binary,
 * cgroups) before the agent starts. Throws {@link AgentFlagError} naming
 * the flag (`--docker-socket`, `--containerizers`) and the fix.
 */
export async function prepareContainerizers(containerizers: readonly Containerizer[]): Promise<void> {
  for (const containerizer of containerizers) {
    try {
      await containerizer.prepare?.();
    } catch (e) {
      const message = (e as Error).message;
      const flag = /^(--[\w-]+): /.exec(message);
      throw new AgentFlagError(flag ? flag[1] : '--containerizers', flag ? message.slice(flag[0].length) : `${containerizer.name}: ${message}`);
    }
  }
}
