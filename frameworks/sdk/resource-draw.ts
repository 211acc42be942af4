/**
 * Drawing a task's resources out of what an offer holds: which concrete
 * resources (reservation, allocation role, actual port numbers) satisfy a
 * plain request such as `{ cpus: 1, mem: 128, ports: 2 }`, and what is
 * missing when they do not. Pure; the offer-matching helpers build on it.
 */
import type { InsufficientResource, Range, Resource } from '@meseta/proto/wire';
import { ValueType } from '@meseta/proto/wire';
import {
  UNRESERVED_ROLE,
  coalesceRanges,
  formatRanges,
  normalize,
  rangesSize,
  reservationRole,
  roundScalar,
  subtractRanges,
} from '@meseta/proto/resources';

/** The resources a task asks for, in plain numbers. */
export interface ResourceSpec {
  /**
   * CPU shares.
   * @default 0
   */
  cpus?: number;
  /**
   * Memory in MB.
   * @default 0
   */
  mem?: number;
  /**
   * Disk in MB.
   * @default 0
   */
  disk?: number;
  /**
   * GPUs.
   * @default 0
   */
  gpus?: number;
  /**
   * A number of ports to pick from the offer (lowest free first), or the
   * exact ports wanted.
   * @default no ports
   */
  ports?: number | number[];
}

/** The scalar resources of a {@link ResourceSpec}, in the order they are reported. */
export const SCALAR_NAMES = ['cpus', 'mem', 'disk', 'gpus'] as const;

/** What {@link drawResources} found. */
export interface Draw {
  /** The concrete resources for the request (what could be found, when it does not fit). */
  resources: Resource[];
  /** What is missing; empty when the request fits. */
  refusals: InsufficientResource[];
}

/** The allocation role an offer's resources carry (all share one), if any. */
export function allocationRoleOf(resources: readonly Resource[]): string | undefined {
  return resources.find((r) => r.allocation_role)?.allocation_role ?? undefined;
}

/** Reserved resources first (they are the framework's own), then unreserved. */
function byReservationFirst(a: Resource, b: Resource): number {
  const ra = reservationRole(a) === UNRESERVED_ROLE ? 1 : 0;
  const rb = reservationRole(b) === UNRESERVED_ROLE ? 1 : 0;
  return ra - rb;
}

function pool(available: readonly Resource[], name: string, type: number): Resource[] {
  return normalize(available)
    .filter((r) => r.name === name && (r.type ?? ValueType.SCALAR) === type)
    .sort(byReservationFirst);
}

/** A resource like `source` (same reservations and allocation role) with another value. */
function like(source: Resource, value: Pick<Resource, 'scalar' | 'ranges'>): Resource {
  const r: Resource = { name: source.name, type: source.type ?? ValueType.SCALAR, ...value };
  if (source.reservations && source.reservations.length > 0) r.reservations = source.reservations.map((x) => ({ ...x }));
  if (source.allocation_role) r.allocation_role = source.allocation_role;
  return r;
}

function drawScalar(available: readonly Resource[], name: string, amount: number, role: string | undefined, out: Draw): void {
  let left = roundScalar(amount);
  let total = 0;
  for (const r of pool(available, name, ValueType.SCALAR)) {
    const there = r.scalar?.value ?? 0;
    total = roundScalar(total + there);
    const take = Math.min(left, there);
    if (take > 0) {
      out.resources.push(like(r, { scalar: { value: roundScalar(take) } }));
      left = roundScalar(left - take);
    }
  }
  if (left > 0) {
    // Ask for the rest unreserved, so the request stays whole and the shortfall shows.
    const rest: Resource = { name, type: ValueType.SCALAR, scalar: { value: left } };
    if (role) rest.allocation_role = role;
    out.resources.push(rest);
    out.refusals.push({ name, requested: amount, available: total, message: `${name}: asked ${amount}, offer holds ${total}` });
  }
}

function drawPortCount(available: readonly Resource[], count: number, out: Draw): void {
  let left = count;
  let total = 0;
  for (const r of pool(available, 'ports', ValueType.RANGES)) {
    const picked: Range[] = [];
    for (const span of coalesceRanges(r.ranges?.range ?? [])) {
      const begin = Number(span.begin);
      const size = Number(span.end) - begin + 1;
      total += size;
      if (left === 0) continue;
      const take = Math.min(left, size);
      picked.push({ begin, end: begin + take - 1 });
      left -= take;
    }
    if (picked.length > 0) out.resources.push(like(r, { ranges: { range: picked } }));
  }
  if (left > 0) {
    out.refusals.push({ name: 'ports', requested: count, available: total, message: `ports: asked ${count}, offer holds ${total}` });
  }
}

function drawPortList(available: readonly Resource[], ports: readonly number[], role: string | undefined, out: Draw): void {
  const wanted = coalesceRanges(ports.map((p) => ({ begin: p, end: p })));
  let missing: Range[] = wanted;
  let total = 0;
  for (const r of pool(available, 'ports', ValueType.RANGES)) {
    const spans = r.ranges?.range ?? [];
    total += rangesSize(spans);
    // The wanted ports this resource holds: wanted minus (wanted minus spans).
    const inside = subtractRanges(missing, subtractRanges(missing, spans));
    if (inside.length > 0) {
      out.resources.push(like(r, { ranges: { range: inside } }));
      missing = subtractRanges(missing, inside);
    }
  }
  if (missing.length > 0) {
    const rest: Resource = { name: 'ports', type: ValueType.RANGES, ranges: { range: missing } };
    if (role) rest.allocation_role = role;
    out.resources.push(rest);
    out.refusals.push({
      name: 'ports',
      requested: ports.length,
      available: total,
      message: `ports: asked ${formatRanges(wanted)}, offer lacks ${formatRanges(missing)}`,
    });
  }
}

/**
 * Find concrete resources for `spec` inside `available` (an offer's
 * resources, or what remains of them). Scalars come from reservations first,
 * then unreserved; a port count takes the lowest free ports. Every drawn
 * resource keeps the reservation and allocation role of where it came from,
 * so the master's check (`shortfalls`) matches it against the offer.
 */
export function drawResources(available: readonly Resource[], spec: ResourceSpec): Draw {
  const out: Draw = { resources: [], refusals: [] };
  const role = allocationRoleOf(available);
  for (const name of SCALAR_NAMES) {
    const amount = spec[name] ?? 0;
    if (!(amount >= 0)) throw new Error(`${name}: must be a number >= 0, got ${amount}`);
    if (amount > 0) drawScalar(available, name, amount, role, out);
  }
  const ports = spec.ports;
  if (typeof ports === 'number') {
    if (!Number.isInteger(ports) || ports < 0) throw new Error(`ports: a count must be a whole number >= 0, got ${ports}`);
    if (ports > 0) drawPortCount(available, ports, out);
  } else if (ports && ports.length > 0) {
    for (const p of ports) {
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`ports: ${p} is not a port number`);
    }
    drawPortList(available, ports, role, out);
  }
  return out;
}

/** How much of each resource a spec asks for (ports counted), by name. */
export function askedAmounts(spec: ResourceSpec): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of SCALAR_NAMES) {
    const amount = spec[name] ?? 0;
    if (amount > 0) out.set(name, amount);
  }
  const ports = typeof spec.ports === 'number' ? spec.ports : new Set(spec.ports ?? []).size;
  if (ports > 0) out.set('ports', ports);
  return out;
}
