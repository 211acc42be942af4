/**
 * The resources and offer operations of a resident (the reserved place of
 * one instance of a stateful app): what RESERVE and CREATE ask for, what a
 * relaunch takes from an offer, and DESTROY + UNRESERVE when the app is
 * destroyed. A resident's reservation carries the label
 * `meseta-services.resident=<id>`, so its resources are told apart from any
 * other reservation of the role, in offers and on the agent. Pure.
 */
import type { Offer, Operation, Resource } from '@meseta/proto/wire';
import { OperationType } from '@meseta/proto/wire';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { normalize, roundScalar } from '@meseta/proto/resources';
import type { ResidentRecord, ResidentVolume } from './services-state';
import type { VolumeDefinition } from './app-volumes';

/** The reservation label naming the resident a resource belongs to. */
export const RESIDENT_LABEL = 'meseta-services.resident';

/** Volume.Mode on the wire. */
const MODE = { RW: 1, RO: 2 } as const;
/** Value.Type.SCALAR. */
const SCALAR = 0;

/** The persistence ids of a resident's volumes: `<residentId>.v<i>` (the resident id starts with the app id). */
export function residentVolumes(residentId: string, volumes: readonly VolumeDefinition[]): ResidentVolume[] {
  return volumes.map((v, i) => ({ persistenceId: `${residentId}.v${i}`, containerPath: v.containerPath, sizeMb: v.sizeMb, mode: v.mode }));
}

function reservationOf(resident: ResidentRecord): NonNullable<Resource['reservations']>[number] {
  return {
    type: DYNAMIC_RESERVATION,
    role: resident.role,
    ...(resident.principal ? { principal: resident.principal } : {}),
    labels: { labels: [{ key: RESIDENT_LABEL, value: resident.residentId }] },
  };
}

function reservedScalar(resident: ResidentRecord, name: string, value: number): Resource {
  return { name, type: SCALAR, scalar: { value: roundScalar(value) }, reservations: [reservationOf(resident)], allocation_role: resident.role };
}

/** What RESERVE asks for: cpus, mem, and disk for the sandbox plus every volume. */
export function reserveResources(resident: ResidentRecord): Resource[] {
  const disk = resident.reserved.disk + resident.volumes.reduce((sum, v) => sum + v.sizeMb, 0);
  const out = [reservedScalar(resident, 'cpus', resident.reserved.cpus), reservedScalar(resident, 'mem', resident.reserved.mem)];
  if (disk > 0) out.push(reservedScalar(resident, 'disk', disk));
  return out;
}

/** The resident's volumes as disk resources (CREATE, DESTROY, and in a task's resources). */
export function volumeResources(resident: ResidentRecord): Resource[] {
  return resident.volumes.map((v) => ({
    ...reservedScalar(resident, 'disk', v.sizeMb),
    disk: {
      persistence: { id: v.persistenceId, ...(resident.principal ? { principal: resident.principal } : {}) },
      volume: { container_path: v.containerPath, mode: MODE[v.mode] },
    },
  }));
}

/**
 * What the instance's task runs with once the volumes exist: the reserved
 * cpus, mem and sandbox disk, and the volumes.
 */
export function residentTaskResources(resident: ResidentRecord): Resource[] {
  const out = [reservedScalar(resident, 'cpus', resident.reserved.cpus), reservedScalar(resident, 'mem', resident.reserved.mem)];
  if (resident.reserved.disk > 0) out.push(reservedScalar(resident, 'disk', resident.reserved.disk));
  return [...out, ...volumeResources(resident)];
}

/** RESERVE then CREATE: the operations that make a new resident (a LAUNCH may follow in the same ACCEPT). */
export function reserveOperations(resident: ResidentRecord): Operation[] {
  return [
    { type: OperationType.RESERVE, reserve: { resources: reserveResources(resident) } },
    { type: OperationType.CREATE, create: { volumes: volumeResources(resident) } },
  ];
}

/** The resident a resource is reserved for (its last reservation's label), if any. */
export function residentOf(resource: Resource): string | undefined {
  const stack = resource.reservations ?? [];
  const last = stack[stack.length - 1];
  return last?.labels?.labels?.find((l) => l.key === RESIDENT_LABEL)?.value ?? undefined;
}

/** The resources of an offer reserved for this resident (volumes included). */
export function residentResourcesIn(offer: Offer, residentId: string): Resource[] {
  return (offer.resources ?? []).filter((r) => residentOf(r) === residentId);
}

/** Persistence ids of the volumes an offer shows for this resident. */
export function volumesIn(offer: Offer, residentId: string): string[] {
  return residentResourcesIn(offer, residentId).flatMap((r) => (r.disk?.persistence?.id ? [r.disk.persistence.id] : []));
}

/** Whether an offer holds what a relaunch needs: the reservation and every volume; otherwise what is missing. */
export function offerHoldsResident(offer: Offer, resident: ResidentRecord): { holds: true } | { holds: false; missing: string } {
  if ((offer.agent_id?.value ?? '') !== resident.agentId) return { holds: false, missing: `the offer is from agent ${offer.agent_id?.value ?? '?'}` };
  const mine = residentResourcesIn(offer, resident.residentId);
  const volumes = new Set(mine.flatMap((r) => (r.disk?.persistence?.id ? [r.disk.persistence.id] : [])));
  const absent = resident.volumes.filter((v) => !volumes.has(v.persistenceId)).map((v) => v.persistenceId);
  if (absent.length > 0) return { holds: false, missing: `volume ${absent.join(', ')} not in the offer` };
  const plain = mine.filter((r) => !r.disk?.persistence);
  for (const [name, amount] of [['cpus', resident.reserved.cpus], ['mem', resident.reserved.mem], ['disk', resident.reserved.disk]] as const) {
    const there = plain.filter((r) => r.name === name).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
    if (there + 1e-9 < amount) return { holds: false, missing: `reserved ${name}: needs ${amount}, offer holds ${roundScalar(there)}` };
  }
  return { holds: true };
}

/**
 * DESTROY (the volumes the offer shows) then UNRESERVE (everything the
 * offer holds for the resident, volumes as plain disk again), or no
 * operation when the offer holds nothing of it.
 */
export function releaseOperations(offer: Offer, residentId: string): Operation[] {
  const mine = residentResourcesIn(offer, residentId);
  if (mine.length === 0) return [];
  const volumes = mine.filter((r) => r.disk?.persistence);
  const plain = normalize(mine.map((r) => {
    if (!r.disk) return r;
    const { disk: _disk, ...rest } = r;
    return rest as Resource;
  }));
  const ops: Operation[] = [];
  if (volumes.length > 0) ops.push({ type: OperationType.DESTROY, destroy: { volumes } });
  ops.push({ type: OperationType.UNRESERVE, unreserve: { resources: plain } });
  return ops;
}
