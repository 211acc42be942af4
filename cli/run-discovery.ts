/**
 * `meseta run`'s discovery flags: `--ports N` (ports picked from the
 * offer, `PORT0`…), `--discovery-name NAME`, `--discovery-port NAME[/tcp|udp]`
 * (repeatable; the i-th names the task's i-th port) and
 * `--discovery-visibility framework|cluster|external`. Pure.
 */
import type { DiscoverySpec, DiscoveryVisibility } from '@meseta/sdk';
import { dnsLabelProblem } from '@meseta/sdk';
import { UsageError } from './cli-error';

/** The flags read here. */
export interface RunDiscoveryFlags {
  ports?: string;
  discoveryName?: string;
  discoveryPort?: string[];
  discoveryVisibility?: string;
}

/** `--ports`: how many ports to pick, or undefined. */
export function portsFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0 || n > 64 || text.trim() === '') throw new UsageError(`--ports: "${text}" is not a whole number of ports from 0 to 64`);
  return n;
}

/** The task's discovery info from the flags; undefined when no discovery flag is given. */
export function runDiscovery(flags: RunDiscoveryFlags): DiscoverySpec | undefined {
  const ports = flags.discoveryPort ?? [];
  if (flags.discoveryName === undefined && ports.length === 0 && flags.discoveryVisibility === undefined) return undefined;
  const spec: DiscoverySpec = {};
  if (flags.discoveryName !== undefined) {
    const problem = dnsLabelProblem(flags.discoveryName);
    if (problem) throw new UsageError(`--discovery-name: ${problem}`);
    spec.name = flags.discoveryName;
  }
  if (flags.discoveryVisibility !== undefined) {
    const v = flags.discoveryVisibility.trim().toLowerCase();
    if (v !== 'framework' && v !== 'cluster' && v !== 'external') throw new UsageError(`--discovery-visibility: "${flags.discoveryVisibility}" is not framework, cluster or external`);
    spec.visibility = v as DiscoveryVisibility;
  }
  const picked = portsFlag(flags.ports) ?? 0;
  if (ports.length > picked) throw new UsageError(`--discovery-port: ${ports.length} named but the task asks for ${picked} port(s); add --ports ${ports.length}`);
  spec.ports = ports.map((text) => {
    const [name, protocol = 'tcp', ...rest] = text.trim().toLowerCase().split('/');
    const problem = dnsLabelProblem(name);
    if (problem || rest.length > 0) throw new UsageError(`--discovery-port: "${text}" is not NAME or NAME/tcp or NAME/udp${problem ? ` (${problem})` : ''}`);
    if (protocol !== 'tcp' && protocol !== 'udp') throw new UsageError(`--discovery-port: protocol "${protocol}" in "${text}" is not tcp or udp`);
    return { name, protocol };
  });
  return spec;
}
