/**
 * The endpoints of a watched service as the client holds them, kept
 * current by the master's watch events, and a round-robin pick over them.
 * Pure.
 */

/** A named port of an endpoint. */
export interface ServicePort {
  number: number;
  /** `''` for a port the task did not name. */
  name: string;
  /** `tcp` or `udp`. */
  protocol: string;
}

/** One running, healthy task of a service, as the master's watch API sends it. */
export interface ServiceEndpoint {
  /** `<frameworkId>/<taskId>`. */
  id: string;
  service: string;
  /** The framework's name as a DNS label. */
  framework: string;
  frameworkId: string;
  taskId: string;
  agentId: string;
  host: string;
  /** The address to dial. */
  ip: string;
  ports: ServicePort[];
  visibility: string;
  labels?: Record<string, string>;
}

/** A watch event's data: a whole set, or a change. */
export interface WatchMessage {
  token: string;
  revision: number;
  instances?: ServiceEndpoint[];
  added?: ServiceEndpoint[];
  removed?: Array<{ id: string; service: string }>;
}

/** The current endpoints; apply watch events in order. */
export class EndpointSet {
  private readonly byId = new Map<string, ServiceEndpoint>();
  private sorted: ServiceEndpoint[] | undefined = [];
  /** The token of the last event applied ('' before the first). */
  token = '';

  /** Apply one event (`snapshot`, `change` or `current`); true when the set changed. */
  apply(kind: string, message: WatchMessage): boolean {
    this.token = message.token;
    if (kind === 'snapshot') {
      const before = JSON.stringify(this.list());
      this.byId.clear();
      for (const e of message.instances ?? []) this.byId.set(e.id, e);
      this.sorted = undefined;
      return JSON.stringify(this.list()) !== before;
    }
    if (kind !== 'change') return false;
    for (const r of message.removed ?? []) this.byId.delete(r.id);
    for (const e of message.added ?? []) this.byId.set(e.id, e);
    this.sorted = undefined;
    return true;
  }

  /** The endpoints, in id order. */
  list(): ServiceEndpoint[] {
    if (!this.sorted) this.sorted = [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sorted;
  }

  get size(): number {
    return this.byId.size;
  }
}

/** An address to dial. */
export interface HostPort {
  host: string;
  port: number;
  endpoint: ServiceEndpoint;
}

/**
 * The address of `endpoint` for the port named `portName` (`''`: its first
 * port), or undefined when it has no such port.
 */
export function addressOf(endpoint: ServiceEndpoint, portName = ''): HostPort | undefined {
  const port = portName === '' ? endpoint.ports[0] : endpoint.ports.find((p) => p.name === portName);
  return port ? { host: endpoint.ip, port: port.number, endpoint } : undefined;
}

/** Round robin over the current endpoints of a set (it may change between picks). */
export class RoundRobin {
  private next = 0;

  constructor(private readonly set: Pick<EndpointSet, 'list'>, private readonly portName = '') {}

  /** The next address, or undefined while the service has no endpoint with that port. */
  pick(): HostPort | undefined {
    const list = this.set.list();
    for (let tried = 0; tried < list.length; tried++) {
      const e = list[this.next++ % list.length];
      const address = addressOf(e, this.portName);
      if (address) return address;
    }
    return undefined;
  }
}
