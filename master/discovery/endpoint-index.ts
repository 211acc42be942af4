/**
 * The master's published endpoints by service, with a revision per change
 * and a bounded log of recent changes, so a watcher that comes back with a
 * resume token gets exactly what it missed. Pure: no timers, no I/O; the
 * caller stages changes ({@link EndpointIndex.stage}) and commits them
 * ({@link EndpointIndex.commit}) when it wants them sent (once per tick).
 *
 * Resume tokens are `<leaderId>:<revision>`. The revision counts up from 1
 * for the life of one master process; `leaderId` is that process's id, so a
 * token from another master (a failover, a restart) cannot be trusted to
 * mean the same set and gets the full set again. So does a token older
 * than the log's oldest change, or one this master never gave out.
 */
import { type DiscoveryInstance, sameInstance } from './discovery-instance';

/** One committed change: what was added or replaced, and what went away. */
export interface EndpointChange {
  revision: number;
  /** Instances new or changed (an instance replaces the one of its id). */
  added: DiscoveryInstance[];
  /** Ids of instances no longer published. */
  removed: Array<{ id: string; service: string }>;
}

/** What a watcher gets first: a full set, or the changes since its token. */
export type ResumeAnswer =
  | { kind: 'snapshot'; revision: number; instances: DiscoveryInstance[]; why: string }
  | { kind: 'changes'; revision: number; changes: EndpointChange[] };

/** Options of {@link EndpointIndex}. */
export interface EndpointIndexOptions {
  /** Changes kept for resuming watchers. @default 10000 */
  maxLog?: number;
}

/** Parse a resume token; undefined when it is not `<leaderId>:<revision>`. */
export function parseResumeToken(token: string): { leaderId: string; revision: number } | undefined {
  const colon = token.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const digits = token.slice(colon + 1);
  if (!/^\d{1,15}$/.test(digits)) return undefined;
  const revision = Number(digits);
  return { leaderId: token.slice(0, colon), revision };
}

/** Endpoints by service, revisions and the change log. */
export class EndpointIndex {
  private readonly byService = new Map<string, Map<string, DiscoveryInstance>>();
  /** Where each published instance is, by id. */
  private readonly serviceOf = new Map<string, string>();
  private readonly staged = new Map<string, DiscoveryInstance | undefined>();
  private readonly log: EndpointChange[] = [];
  private logStart = 0;
  private readonly maxLog: number;
  private rev = 0;
  /** The newest revision that is no longer in the log (a token older than it gets a snapshot). */
  private trimmedThrough = 0;

  constructor(readonly leaderId: string, options: EndpointIndexOptions = {}) {
    this.maxLog = Math.max(1, options.maxLog ?? 10000);
  }

  /** The newest revision. */
  get revision(): number {
    return this.rev;
  }

  /** The token for `revision` (default: the newest). */
  token(revision = this.rev): string {
    return `${this.leaderId}:${revision}`;
  }

  /** Published instances (all services). */
  get size(): number {
    return this.serviceOf.size;
  }

  /** Services with at least one instance, by name. */
  services(): string[] {
    return [...this.byService.keys()].sort();
  }

  /** The instances of `service` (every service when undefined), in id order. */
  instances(service?: string): DiscoveryInstance[] {
    if (service !== undefined) return [...(this.byService.get(service)?.values() ?? [])].sort(byId);
    return [...this.byService.values()].flatMap((m) => [...m.values()]).sort(byId);
  }

  /**
   * Every published instance, in no particular order (no copy, no sort):
   * for a caller that looks at each once, e.g. to find a framework's.
   */
  *unordered(): IterableIterator<DiscoveryInstance> {
    for (const set of this.byService.values()) yield* set.values();
  }

  /** Stage what instance `id` is now (undefined: not published). Nothing is visible until {@link commit}. */
  stage(id: string, instance: DiscoveryInstance | undefined): void {
    this.staged.set(id, instance);
  }

  /**
   * True when instance `id` is published or has something staged: a task
   * that is neither (e.g. a launch not running yet) has nothing to take
   * back, so its caller need not stage `undefined` for it.
   */
  knows(id: string): boolean {
    return this.serviceOf.has(id) || this.staged.has(id);
  }

  /**
   * Put what instance `id` is now straight into the published set (undefined:
   * not published), with no revision and no change in the log: only for the
   * first build of an index nobody has read yet (`DiscoveryFeed`),
   * which may put one id several times as it learns more. {@link seal} ends it.
   */
  seed(id: string, instance: DiscoveryInstance | undefined): void {
    const at = this.serviceOf.get(id);
    if (at !== undefined && (instance === undefined || at !== instance.service)) this.remove(id, at);
    if (instance === undefined) return;
    let set = this.byService.get(instance.service);
    if (!set) this.byService.set(instance.service, (set = new Map()));
    set.set(id, instance);
    this.serviceOf.set(id, instance.service);
  }

  /**
   * End the first build: what was seeded becomes revision 1 (as one commit of
   * it all would have; nothing seeded stays revision 0), and a token older
   * than it gets a snapshot, since the seeded set is in no logged change.
   */
  seal(): void {
    if (this.rev !== 0 || this.serviceOf.size === 0) return;
    this.rev = 1;
    this.trimmedThrough = 1;
  }

  /** True when something is staged. */
  get pending(): boolean {
    return this.staged.size > 0;
  }

  /** Apply what is staged as one change with a new revision; undefined when it changes nothing. */
  commit(): EndpointChange | undefined {
    if (this.staged.size === 0) return undefined;
    const added: DiscoveryInstance[] = [];
    const removed: Array<{ id: string; service: string }> = [];
    for (const [id, next] of this.staged) {
      const at = this.serviceOf.get(id);
      const before = at === undefined ? undefined : this.byService.get(at)?.get(id);
      if (next === undefined) {
        if (before) {
          this.remove(id, at!);
          removed.push({ id, service: at! });
        }
        continue;
      }
      if (before && sameInstance(before, next)) continue;
      if (before && at !== next.service) {
        this.remove(id, at!);
        removed.push({ id, service: at! });
      }
      let set = this.byService.get(next.service);
      if (!set) this.byService.set(next.service, (set = new Map()));
      set.set(id, next);
      this.serviceOf.set(id, next.service);
      added.push(next);
    }
    this.staged.clear();
    if (added.length === 0 && removed.length === 0) return undefined;
    const change: EndpointChange = { revision: ++this.rev, added, removed };
    this.log.push(change);
    if (this.log.length - this.logStart > this.maxLog) {
      this.trimmedThrough = this.log[this.logStart].revision;
      this.logStart++;
      if (this.logStart > 1024 && this.logStart * 2 > this.log.length) {
        this.log.splice(0, this.logStart);
        this.logStart = 0;
      }
    }
    return change;
  }

  /**
   * What a watcher of `service` (every service when undefined) that holds
   * `token` (none: a new watcher) must get to be current.
   */
  resume(service: string | undefined, token: string | undefined): ResumeAnswer {
    const snapshot = (why: string): ResumeAnswer => ({ kind: 'snapshot', revision: this.rev, instances: this.instances(service), why });
    if (token === undefined || token === '') return snapshot('new watcher');
    const parsed = parseResumeToken(token);
    if (!parsed) return snapshot('token not understood');
    if (parsed.leaderId !== this.leaderId) return snapshot('token from another master');
    if (parsed.revision > this.rev) return snapshot('token newer than this master');
    if (parsed.revision < this.trimmedThrough) return snapshot('token older than the kept changes');
    const changes: EndpointChange[] = [];
    for (let i = this.logStart; i < this.log.length; i++) {
      const c = this.log[i];
      if (c.revision <= parsed.revision) continue;
      const only = onlyService(c, service);
      if (only) changes.push(only);
    }
    return { kind: 'changes', revision: this.rev, changes };
  }

  private remove(id: string, service: string): void {
    const set = this.byService.get(service);
    set?.delete(id);
    if (set && set.size === 0) this.byService.delete(service);
    this.serviceOf.delete(id);
  }
}

function byId(a: DiscoveryInstance, b: DiscoveryInstance): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The part of `change` about `service` (all of it when undefined); undefined when none. */
export function onlyService(change: EndpointChange, service: string | undefined): EndpointChange | undefined {
  if (service === undefined) return change;
  const added = change.added.filter((i) => i.service === service);
  const removed = change.removed.filter((r) => r.service === service);
  if (added.length === 0 && removed.length === 0) return undefined;
  return { revision: change.revision, added, removed };
}
