/**
 * The master's role weights: what the operator set (UPDATE_WEIGHTS, or the
 * `--weights` flag on a registry that holds none), kept in the registry and
 * given to the allocator, whose DRF divides a role's share by its weight.
 * A role nobody set weighs 1.
 */
import type { Logger } from '@meseta/runtime/log';
import type { Allocator } from './allocator/allocator';
import type { DurableWrites } from './durable-writes';
import type { ClusterEvents } from './cluster-events';
import { updateWeights } from './registry/registry-state';
import type { RoleWeight } from './weight-input';

/** Role weights, durable before they apply. */
export class RoleWeights {
  private readonly weights = new Map<string, number>();

  constructor(
    private readonly allocator: Pick<Allocator, 'updateWeight'>,
    private readonly durable: DurableWrites,
    private readonly log: Logger,
    private readonly events?: ClusterEvents,
  ) {}

  /** A role's weight (1 unless set). */
  of(role: string): number {
    return this.weights.get(role) ?? 1;
  }

  /** Every weight that was set, by role. */
  get all(): ReadonlyMap<string, number> {
    return this.weights;
  }

  /**
   * After becoming the leader: the registry's weights. When the registry
   * holds none, the `--weights` flag's are used and written to the
   * registry (as Mesos does); when it holds some, the flag is ignored with a
   * warning, since the operator's later changes win.
   */
  recover(registry: ReadonlyMap<string, number>, flag: readonly RoleWeight[]): Promise<void> {
    for (const [role, weight] of registry) this.apply(role, weight);
    if (flag.length === 0) return Promise.resolve();
    if (registry.size > 0) {
      this.log.warn('--weights ignored: the registry holds weights set earlier (change them with UPDATE_WEIGHTS / meseta weights set)', { registry: Object.fromEntries(registry) });
      return Promise.resolve();
    }
    return this.update(flag, '--weights');
  }

  /**
   * Set these roles' weights (checked already: see `weight-input.ts`).
   * Resolves once durable and in force; rejects with a RegistryWriteError.
   */
  update(weights: readonly RoleWeight[], by: string): Promise<void> {
    const record = Object.fromEntries(weights.map((w) => [w.role, w.weight]));
    return this.durable.commit(updateWeights(record), 'update weights', { weights: record, by }, () => {
      for (const w of weights) this.apply(w.role, w.weight);
      this.events?.publish({ type: 'ROLES_CHANGED', roles: weights.map((w) => w.role) });
      this.log.info('role weights updated', { weights: record, by });
    });
  }

  private apply(role: string, weight: number): void {
    this.weights.set(role, weight);
    this.allocator.updateWeight(role, weight);
  }
}
