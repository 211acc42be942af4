/**
 * The master's role quotas: what the operator set (UPDATE_QUOTA), kept in
 * the registry and given to the allocator (guarantees offered first,
 * limits never exceeded; see `allocator/quota.ts`). In force only once
 * durable.
 */
import type { Logger } from '@meseta/runtime/log';
import type { Allocator } from './allocator/allocator';
import type { DurableWrites } from './durable-writes';
import type { ClusterEvents } from './cluster-events';
import { updateQuota, type StoredQuota } from './registry/registry-state';
import { isEmptyQuota } from './quota-input';

/** Role quotas, durable before they apply. */
export class RoleQuotas {
  private readonly quotas = new Map<string, StoredQuota>();

  constructor(
    private readonly allocator: Pick<Allocator, 'updateQuota'>,
    private readonly durable: DurableWrites,
    private readonly log: Logger,
    private readonly events?: ClusterEvents,
  ) {}

  /** Every quota set, by role. */
  get all(): ReadonlyMap<string, StoredQuota> {
    return this.quotas;
  }

  /** After becoming the leader: the registry's quotas. */
  recover(registry: ReadonlyMap<string, StoredQuota>): void {
    for (const [role, quota] of registry) this.apply(role, quota);
  }

  /**
   * Set (or, with an empty quota, remove) a role's quota, checked already
   * (`quota-input.ts`). Resolves once durable and in force; rejects with a
   * RegistryWriteError.
   */
  update(role: string, quota: StoredQuota, by: string): Promise<void> {
    const stored = isEmptyQuota(quota) ? undefined : quota;
    return this.durable.commit(updateQuota(role, stored), 'update quota', { role, quota: stored ?? 'removed', by }, () => {
      this.apply(role, quota);
      this.events?.publish({ type: 'ROLES_CHANGED', roles: [role] });
      this.log.info(stored ? 'role quota set' : 'role quota removed', { role, quota: stored, by });
    });
  }

  private apply(role: string, quota: StoredQuota): void {
    if (isEmptyQuota(quota)) {
      this.quotas.delete(role);
      this.allocator.updateQuota?.(role, undefined);
      return;
    }
    this.quotas.set(role, quota);
    this.allocator.updateQuota?.(role, { guarantees: new Map(Object.entries(quota.guarantees)), limits: new Map(Object.entries(quota.limits)) });
  }
}
