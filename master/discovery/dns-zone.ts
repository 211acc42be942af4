/**
 * The `meseta.` DNS zone of published endpoints, and the answer to one
 * question, as Mesos-DNS names things. Pure: no sockets.
 *
 * | name | type | answer |
 * |---|---|---|
 * | `<service>.<framework>.meseta.` | A | the address of each endpoint |
 * | `_<port>._<tcp\|udp>.<service>.<framework>.meseta.` | SRV | each endpoint's port of that name, target `<task>.<service>.<framework>.meseta.` (its A in the additional section) |
 * | `_<service>._<tcp\|udp>.<framework>.meseta.` | SRV | every port of each endpoint (Mesos-DNS's form) |
 * | `<task>.<service>.<framework>.meseta.` | A | that endpoint's address |
 * | `meseta.` | SOA | the zone's (also in the authority section of negative answers, for negative caching) |
 *
 * A name in the zone that does not exist is NXDOMAIN; one that exists
 * without records of the asked type is an empty NOERROR; a name outside
 * the zone is REFUSED (this is no recursive resolver). Answers are
 * authoritative with a short TTL (default 5 s) so that caches follow
 * changes; the watch API is the path that never serves stale data.
 *
 * A DNS server cannot tell whose task asks, so it serves the `cluster`
 * audience (CLUSTER and EXTERNAL endpoints) or, for clients outside the
 * cluster, `external` (EXTERNAL only); FRAMEWORK endpoints are never in
 * DNS (see visibility.ts).
 */
import * as net from 'node:net';
import type { Answer, Question, SrvAnswer } from 'dns-packet';
import type { DiscoveryInstance } from './discovery-instance';
import { dnsLabel } from './discovery-instance';
import { audienceSees } from './visibility';

/** What the zone answers: the DNS response code and the sections. */
export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED' | 'SERVFAIL' | 'FORMERR' | 'NOTIMP';
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
}

/** Options of {@link DnsZone}. */
export interface DnsZoneOptions {
  /** The zone's domain. @default 'meseta' */
  domain?: string;
  /** Seconds answers may be cached. @default 5 */
  ttl?: number;
  /** Who asks: `cluster` answers CLUSTER and EXTERNAL endpoints, `external` only EXTERNAL ones. @default 'cluster' */
  audience?: 'cluster' | 'external';
}

/** The label a task's own name takes (its id as a DNS label). */
export function taskLabel(instance: Pick<DiscoveryInstance, 'taskId'>): string {
  return dnsLabel(instance.taskId) || 'task';
}

/** Endpoints by DNS name, kept current by {@link set} and {@link remove}. */
export class DnsZone {
  readonly domain: string;
  readonly ttl: number;
  readonly audience: 'cluster' | 'external';
  private readonly byId = new Map<string, DiscoveryInstance>();
  /** `<service>.<framework>` → endpoints. */
  private readonly services = new Map<string, Map<string, DiscoveryInstance>>();
  /** `<task>.<service>.<framework>` → endpoint. */
  private readonly tasks = new Map<string, DiscoveryInstance>();
  /** Frameworks with at least one endpoint → how many. */
  private readonly frameworks = new Map<string, number>();
  private serial = 1;

  constructor(options: DnsZoneOptions = {}) {
    this.domain = (options.domain ?? 'meseta').toLowerCase().replace(/\.$/, '');
    this.ttl = options.ttl ?? 5;
    this.audience = options.audience ?? 'cluster';
  }

  /** Endpoints held. */
  get size(): number {
    return this.byId.size;
  }

  /** Publish or replace an endpoint (one its audience may not see is withdrawn instead). */
  set(instance: DiscoveryInstance): void {
    this.remove(instance.id);
    if (!audienceSees(this.audience, instance)) return;
    this.byId.set(instance.id, instance);
    const key = `${instance.service}.${instance.framework}`;
    let set = this.services.get(key);
    if (!set) this.services.set(key, (set = new Map()));
    set.set(instance.id, instance);
    this.tasks.set(`${taskLabel(instance)}.${key}`, instance);
    this.frameworks.set(instance.framework, (this.frameworks.get(instance.framework) ?? 0) + 1);
    this.serial++;
  }

  /** Withdraw an endpoint (no-op when unknown). */
  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    const key = `${old.service}.${old.framework}`;
    const set = this.services.get(key);
    set?.delete(id);
    if (set && set.size === 0) this.services.delete(key);
    const tk = `${taskLabel(old)}.${key}`;
    if (this.tasks.get(tk)?.id === id) this.tasks.delete(tk);
    const n = (this.frameworks.get(old.framework) ?? 1) - 1;
    if (n <= 0) this.frameworks.delete(old.framework);
    else this.frameworks.set(old.framework, n);
    this.serial++;
  }

  /** Replace everything with `instances`. */
  reset(instances: readonly DiscoveryInstance[]): void {
    for (const id of [...this.byId.keys()]) this.remove(id);
    for (const i of instances) this.set(i);
  }

  /** The answer to one question. */
  answer(question: Question): ZoneAnswer {
    const out: ZoneAnswer = { rcode: 'NOERROR', answers: [], authorities: [], additionals: [] };
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const cls = question.class ?? 'IN';
    if (name !== this.domain && !name.endsWith(`.${this.domain}`)) return { ...out, rcode: 'REFUSED' };
    if (cls !== 'IN' && cls !== 'ANY') return { ...out, rcode: 'REFUSED' };
    const labels = name === this.domain ? [] : name.slice(0, -(this.domain.length + 1)).split('.');
    const negative = (rcode: 'NOERROR' | 'NXDOMAIN'): ZoneAnswer => ({ ...out, rcode, authorities: [this.soa()] });
    const type = question.type;
    if (labels.length === 0) {
      if (type === 'SOA' || (type as string) === 'ANY') return { ...out, answers: [this.soa()] };
      return negative('NOERROR');
    }
    if (labels.length === 1) return this.frameworks.has(labels[0]) ? negative('NOERROR') : negative('NXDOMAIN');

    // _<port>._<proto>.<service>.<framework>  or  _<service>._<proto>.<framework>
    if (labels[0].startsWith('_')) {
      const proto = labels[1]?.startsWith('_') ? labels[1].slice(1) : undefined;
      let picked: Array<{ instance: DiscoveryInstance; port: number }> | undefined;
      if (proto && labels.length === 4) {
        const set = this.services.get(`${labels[2]}.${labels[3]}`);
        const portName = labels[0].slice(1);
        if (set) {
          picked = [];
          for (const i of set.values()) for (const p of i.ports) if (p.name === portName && p.protocol === proto) picked.push({ instance: i, port: p.number });
          if (picked.length === 0) picked = undefined;
        }
      } else if (proto && labels.length === 3) {
        const set = this.services.get(`${labels[0].slice(1)}.${labels[2]}`);
        if (set) {
          picked = [];
          for (const i of set.values()) for (const p of i.ports) if (p.protocol === proto) picked.push({ instance: i, port: p.number });
          if (picked.length === 0) picked = undefined;
        }
      }
      if (!picked) return negative('NXDOMAIN');
      if (type !== 'SRV' && (type as string) !== 'ANY') return negative('NOERROR');
      const targets = new Map<string, DiscoveryInstance>();
      for (const { instance, port } of picked) {
        const target = `${taskLabel(instance)}.${instance.service}.${instance.framework}.${this.domain}`;
        out.answers.push({ type: 'SRV', name: question.name.replace(/\.$/, ''), ttl: this.ttl, class: 'IN', data: { priority: 0, weight: 1, port, target } } as SrvAnswer);
        targets.set(target, instance);
      }
      for (const [target, instance] of targets) {
        const a = this.addressRecord(target, instance);
        if (a) out.additionals.push(a);
      }
      return out;
    }

    let hits: DiscoveryInstance[] | undefined;
    if (labels.length === 2) {
      const set = this.services.get(`${labels[0]}.${labels[1]}`);
      if (set) hits = [...set.values()];
    } else if (labels.length === 3) {
      const one = this.tasks.get(labels.join('.'));
      if (one) hits = [one];
    }
    if (!hits) return negative('NXDOMAIN');
    if (type !== 'A' && (type as string) !== 'ANY') return negative('NOERROR');
    const seen = new Set<string>();
    for (const i of hits) {
      if (seen.has(i.ip)) continue;
      seen.add(i.ip);
      const a = this.addressRecord(question.name.replace(/\.$/, ''), i);
      if (a) out.answers.push(a);
    }
    return out.answers.length > 0 ? out : negative('NOERROR');
  }

  private addressRecord(name: string, instance: DiscoveryInstance): Answer | undefined {
    if (net.isIPv4(instance.ip)) return { type: 'A', name, ttl: this.ttl, class: 'IN', data: instance.ip };
    return undefined;
  }

  private soa(): Answer {
    return {
      type: 'SOA', name: this.domain, ttl: this.ttl, class: 'IN',
      data: { mname: `ns.${this.domain}`, rname: `root.ns.${this.domain}`, serial: this.serial >>> 0, refresh: 60, retry: 30, expire: 86400, minimum: this.ttl },
    };
  }
}
