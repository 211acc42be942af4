/**
 * The size of the biggest agent, from the master's `/state` (agents' total
 * resources): an app whose instance is bigger can never run and is refused
 * at deploy time.
 */
import { clientSecurityFromEnvironment, httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-config';
import type { AgentCapacity } from './app-definition';

interface StateResource {
  name?: string;
  scalar?: { value?: number };
}
interface StateJson {
  agents?: Array<{ status?: string; agent_info?: { resources?: StateResource[] }; total_resources?: StateResource[] }>;
}

/** The biggest cpus, mem and disk any one agent has (each taken on its own). Undefined with no agents. */
export function largestAgent(state: StateJson): AgentCapacity | undefined {
  const agents = state.agents ?? [];
  if (agents.length === 0) return undefined;
  const out: AgentCapacity = { cpus: 0, mem: 0, disk: 0 };
  for (const agent of agents) {
    const resources = agent.total_resources ?? agent.agent_info?.resources ?? [];
    for (const r of resources) {
      if (r.name === 'cpus' || r.name === 'mem' || r.name === 'disk') out[r.name] = Math.max(out[r.name], Number(r.scalar?.value ?? 0));
    }
  }
  return out;
}

/**
 * GET the master's /state and compute {@link largestAgent}; undefined when
 * the master does not answer. Over TLS with a token when the client config
 * (`$MESETA_CONFIG`, `MESETA_*`) says so, as the framework's own driver.
 */
export function fetchLargestAgent(master: string, timeoutMs = 3000, security?: ClientSecurity): Promise<AgentCapacity | undefined> {
  let chosen: ClientSecurity;
  try {
    chosen = security ?? clientSecurityFromEnvironment().security;
  } catch {
    return Promise.resolve(undefined);
  }
  const secured = httpRequestSecurityFor(chosen);
  return new Promise((resolve) => {
    const url = `${secured.protocol}//${master}/state`;
    const req = httpRequestFunctionFor(chosen)(url, { ...secured.tls, headers: secured.headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(largestAgent(JSON.parse(Buffer.concat(chunks).toString('utf8')) as StateJson));
        } catch {
          resolve(undefined);
        }
      });
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}
