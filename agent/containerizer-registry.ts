/**
 * The containerizers an agent can be started with, by the name
 * `--containerizers` uses. New kinds (docker, tar) register here.
 */
import type { Containerizer } from './containerizer';
import { FakeContainerizer } from './fake-containerizer';
import { PosixContainerizer } from './posix-containerizer';
import { AgentFlagError } from './resource-detection';

const FACTORIES: Record<string, () => Containerizer> = {
  posix: () => new PosixContainerizer(),
  fake: () => new FakeContainerizer(),
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
export function createContainerizers(names: readonly string[]): Containerizer[] {
  const list = names.map((n) => n.trim()).filter((n) => n !== '');
  if (list.length === 0) throw new AgentFlagError('--containerizers', `at least one is required (known: ${knownContainerizers().join(', ')})`);
  const seen = new Set<string>();
  return list.map((name) => {
    const factory = Object.prototype.hasOwnProperty.call(FACTORIES, name) ? FACTORIES[name] : undefined;
    if (!factory) throw new AgentFlagError('--containerizers', `unknown containerizer "${name}" (known: ${knownContainerizers().join(', ')})`);
    if (seen.has(name)) throw new AgentFlagError('--containerizers', `"${name}" is given twice`);
    seen.add(name);
    return factory();
  });
}
