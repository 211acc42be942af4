/**
 * An agent's `/api/v1/usage` answer checked and reshaped before the master
 * relays it to a browser: only the fields a chart reads, numbers only, at
 * most {@link MAX_POINTS} points. Pure.
 */

/** Most points relayed (an hour at a 1 s interval). */
export const MAX_POINTS = 3600;

/** A chart point as relayed. */
export interface RelayedPoint {
  t: number;
  cpus: number | null;
  mem: number | null;
  disk: number | null;
  allocated?: { cpus: number; mem: number; disk: number };
}

/** A usage series as relayed. */
export interface RelayedSeries {
  agent_id: string;
  framework_id?: string;
  task_id?: string;
  container_id?: string;
  ended_at?: number;
  interval_seconds: number;
  limits: { cpus?: number; mem_bytes?: number; disk_bytes?: number };
  allocated?: { cpus: number; mem_bytes: number; disk_bytes: number };
  points: RelayedPoint[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const numOrNull = (v: unknown): number | null => num(v) ?? null;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Check an agent's answer; an error names the field. */
export function shapeUsageSeries(agentId: string, body: unknown): { ok: true; value: RelayedSeries } | { ok: false; error: string } {
  if (!isObject(body)) return { ok: false, error: 'the answer is not an object' };
  const interval = num(body.interval_seconds);
  if (interval === undefined || interval <= 0) return { ok: false, error: 'interval_seconds: not a positive number' };
  if (!Array.isArray(body.points)) return { ok: false, error: 'points: not a list' };
  const limits = isObject(body.limits) ? body.limits : {};
  const points: RelayedPoint[] = [];
  for (const [i, p] of body.points.slice(-MAX_POINTS).entries()) {
    if (!isObject(p) || num(p.t) === undefined) return { ok: false, error: `points[${i}].t: not a number` };
    const point: RelayedPoint = { t: p.t as number, cpus: numOrNull(p.cpus), mem: numOrNull(p.mem), disk: numOrNull(p.disk) };
    if (isObject(p.allocated)) point.allocated = { cpus: num(p.allocated.cpus) ?? 0, mem: num(p.allocated.mem) ?? 0, disk: num(p.allocated.disk) ?? 0 };
    points.push(point);
  }
  const value: RelayedSeries = {
    agent_id: agentId,
    interval_seconds: interval,
    limits: { cpus: num(limits.cpus), mem_bytes: num(limits.mem_bytes), disk_bytes: num(limits.disk_bytes) },
    points,
  };
  const fw = str(body.framework_id);
  const task = str(body.task_id);
  const container = str(body.container_id);
  const ended = num(body.ended_at);
  if (fw !== undefined) value.framework_id = fw;
  if (task !== undefined) value.task_id = task;
  if (container !== undefined) value.container_id = container;
  if (ended !== undefined) value.ended_at = ended;
  if (isObject(body.allocated)) value.allocated = { cpus: num(body.allocated.cpus) ?? 0, mem_bytes: num(body.allocated.mem_bytes) ?? 0, disk_bytes: num(body.allocated.disk_bytes) ?? 0 };
  return { ok: true, value };
}
