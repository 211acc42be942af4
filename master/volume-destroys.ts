/**
 * Persistent volumes destroyed that their agent has not been told of yet
 * (it was disconnected, or the DESTROY's registry write is still under
 * way). They ride in the agent's registry entry beside its reservations
 * and volumes (`update_reservations`, `destroyed`), so a master that fails
 * over still tells the agent to remove those directories when it comes
 * back. Forgotten once told on a live link.
 *
 * A volume the agent holds again (a DESTROY undone after a failed write, or
 * a new CREATE of the same role and persistence id) is never listed as
 * destroyed: the agent would remove the live volume's directory.
 */
import type { Resource } from '@meseta/proto/wire';
import { volumeKey, volumesOf } from '@meseta/proto/volumes';

/** What this module reads and writes of an agent's record. */
export interface DestroyHolder {
  /** The agent's resources (its volumes among them). */
  total: Resource[];
  /** Destroyed volumes not told yet; absent: none. */
  destroyedVolumes?: Resource[];
}

/**
 * The destroyed volumes still to tell (pure): `pending` without any the
 * agent holds in `total` again, one per role and persistence id.
 */
export function untoldOf(pending: readonly Resource[] | undefined, total: readonly Resource[]): Resource[] {
  if (!pending || pending.length === 0) return [];
  const held = new Set(volumesOf(total).map(volumeKey));
  const seen = new Set<string>();
  const out: Resource[] = [];
  for (const v of pending) {
    const key = volumeKey(v);
    if (held.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/** Record volumes just destroyed on the agent (before the registry write that carries them). */
export function noteDestroyed(agent: DestroyHolder, destroyed: readonly Resource[]): void {
  if (destroyed.length === 0) return;
  const list = untoldOf([...(agent.destroyedVolumes ?? []), ...destroyed], agent.total);
  if (list.length > 0) agent.destroyedVolumes = list;
  else delete agent.destroyedVolumes;
}

/** The destroyed volumes the agent still has to hear of. */
export function untoldDestroyed(agent: DestroyHolder): Resource[] {
  return untoldOf(agent.destroyedVolumes, agent.total);
}

/** The agent was told: forget them. True when there were any (the registry entry then needs rewriting). */
export function forgetDestroyed(agent: DestroyHolder): boolean {
  const had = (agent.destroyedVolumes?.length ?? 0) > 0;
  delete agent.destroyedVolumes;
  return had;
}
