/**
 * An endpoint as a ZooKeeper znode (`meseta master --discovery-zk`): where
 * it goes and what it holds. Pure: no I/O.
 *
 * One ephemeral znode per endpoint, `<root>/<framework>/<service>/<task id>`,
 * holding JSON `{ host, hostname, ports: { name: number }, udp?, labels?,
 * framework, service, frameworkId, taskId, agentId, visibility }`. Framework
 * and service are DNS labels already; the task id is made a znode name
 * ({@link znodeName}).
 */
import type { DiscoveryInstance } from './discovery-instance';

/** What an endpoint's znode holds. */
export interface EndpointZnodeData {
  /** The address to dial (the agent's IP, else its host name). */
  host: string;
  /** The agent's host name. */
  hostname: string;
  /** Port numbers by name; a port the task holds without a name is `port<i>`, `i` its place in the endpoint's port list. */
  ports: Record<string, number>;
  /** Names in `ports` that are UDP (the others are TCP); left out when none. */
  udp?: string[];
  labels?: Record<string, string>;
  framework: string;
  service: string;
  frameworkId: string;
  taskId: string;
  agentId: string;
  visibility: string;
}

/**
 * `text` as one znode name: `%`, `/`, control characters and the
 * characters ZooKeeper refuses in paths are percent-encoded (UTF-8), and
 * so are the names `.` and `..`; `''` stays `''` (no valid name).
 */
export function znodeName(text: string): string {
  if (text === '.' || text === '..') return [...text].map(() => '%2E').join('');
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const refused = ch === '%' || ch === '/' || code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xf8ff) || (code >= 0xfff0 && code <= 0xffff);
    out += refused ? [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('') : ch;
  }
  return out;
}

/** The znode of `instance` under `root` (an absolute path without a trailing `/`). */
export function endpointZnodePath(root: string, instance: Pick<DiscoveryInstance, 'framework' | 'service' | 'taskId'>): string {
  return `${root}/${instance.framework}/${instance.service}/${znodeName(instance.taskId)}`;
}

/** What the znode of `instance` holds. */
export function endpointZnodeData(instance: DiscoveryInstance): EndpointZnodeData {
  const ports: Record<string, number> = {};
  const udp: string[] = [];
  instance.ports.forEach((p, i) => {
    const name = p.name || `port${i}`;
    if (name in ports) return;
    ports[name] = p.number;
    if (p.protocol === 'udp') udp.push(name);
  });
  return {
    host: instance.ip,
    hostname: instance.host,
    ports,
    ...(udp.length > 0 ? { udp } : {}),
    ...(instance.labels ? { labels: instance.labels } : {}),
    framework: instance.framework,
    service: instance.service,
    frameworkId: instance.frameworkId,
    taskId: instance.taskId,
    agentId: instance.agentId,
    visibility: instance.visibility,
  };
}

/** What to do to one znode: make it hold `desired` (undefined: not there), given what this session wrote (`written`). */
export type ZnodeStep = 'create' | 'set' | 'remove' | undefined;

/** The step that brings a znode from `written` (by this session) to `desired`; undefined when they agree. */
export function znodeStep(desired: string | undefined, written: string | undefined): ZnodeStep {
  if (desired === undefined) return written === undefined ? undefined : 'remove';
  if (written === undefined) return 'create';
  return desired === written ? undefined : 'set';
}
