/**
 * Maintenance rules (pure, no I/O): what a maintenance schedule and a list
 * of machines may be, and how machines move between modes, as Mesos's
 * maintenance primitives:
 *
 * - UP: not in the schedule. DRAINING: in the schedule (offers of its agents
 *   carry the window's unavailability; frameworks with tasks there get
 *   inverse offers). DOWN: brought down by the operator (its agents are
 *   removed and refused). Only the operator moves a machine: UP → DRAINING
 *   (the schedule), DRAINING → DOWN (START_MAINTENANCE), DOWN → UP
 *   (STOP_MAINTENANCE, which also takes it out of the schedule).
 * - A machine is a hostname and/or an IP. A machine with both matches only
 *   agents announcing both; one with only a hostname (or only an IP)
 *   matches every agent with that hostname (or IP). The hostname is
 *   compared without case.
 *
 * Every refusal is a {@link MaintenanceInputError} naming the field and the
 * problem.
 */
import { isIP } from 'node:net';

/** A machine as the master keeps it: hostname lowercased, '' for what was not given. */
export interface Machine {
  readonly hostname: string;
  readonly ip: string;
}

/** One window: machines unavailable from `startSeconds` for `durationSeconds` (open-ended when absent). */
export interface MaintenanceWindowSpec {
  readonly machines: readonly Machine[];
  /** Seconds since the epoch. */
  readonly startSeconds: number;
  readonly durationSeconds?: number;
}

/** The schedule: a machine is in one window at most. */
export interface MaintenanceScheduleSpec {
  readonly windows: readonly MaintenanceWindowSpec[];
}

/** A machine's maintenance mode. */
export type MachineMode = 'UP' | 'DRAINING' | 'DOWN';

/** Bad maintenance input; the message names the field and the problem. */
export class MaintenanceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaintenanceInputError';
  }
}

/** What a machine looks like on the wire (MachineID). */
export interface MachineInput {
  hostname?: string | null;
  ip?: string | null;
}

/** What a schedule looks like on the wire (MaintenanceSchedule, times in nanoseconds). */
export interface ScheduleInput {
  windows?: ReadonlyArray<{
    machine_ids?: ReadonlyArray<MachineInput | null> | null;
    unavailability?: { start?: { nanoseconds?: number | string | null } | null; duration?: { nanoseconds?: number | string | null } | null } | null;
  } | null> | null;
}

const NS_PER_S = 1e9;

/** The map key of a machine: `hostname|ip`. */
export function machineKey(m: Machine): string {
  return `${m.hostname}|${m.ip}`;
}

/** A machine as people read it: `host (192.0.2.1)`, `host` or `192.0.2.1`. */
export function machineLabel(m: Machine): string {
  if (m.hostname && m.ip) return `${m.hostname} (${m.ip})`;
  return m.hostname || m.ip;
}

/** The keys an agent at `hostname` / `ip` may be scheduled under, most precise first. */
export function agentMachineKeys(hostname: string | null | undefined, ip: string | null | undefined): string[] {
  const h = (hostname ?? '').trim().toLowerCase();
  const i = (ip ?? '').trim();
  const keys: string[] = [];
  if (h && i) keys.push(`${h}|${i}`);
  if (h) keys.push(`${h}|`);
  if (i) keys.push(`|${i}`);
  return keys;
}

/** Check one machine; `field` names it (`windows[0].machine_ids[1]`). */
export function parseMachine(input: MachineInput | null | undefined, field: string): Machine {
  const hostname = (input?.hostname ?? '').trim().toLowerCase();
  const ip = (input?.ip ?? '').trim();
  if (!hostname && !ip) throw new MaintenanceInputError(`${field}: a machine needs a hostname or an ip`);
  if (hostname && !/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(hostname)) {
    throw new MaintenanceInputError(`${field}.hostname: "${input?.hostname}" is not a hostname (letters, digits, '.', '-', '_')`);
  }
  if (ip && isIP(ip) === 0) throw new MaintenanceInputError(`${field}.ip: "${ip}" is not an IPv4 or IPv6 address`);
  return { hostname, ip };
}

function nanosToSeconds(value: number | string | null | undefined, field: string, required: boolean): number | undefined {
  // Mesos's JSON may write an int64 as a string of digits.
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) value = Number(value);
  if (value === null || value === undefined) {
    if (required) throw new MaintenanceInputError(`${field}: required`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MaintenanceInputError(`${field}: must be a whole number of nanoseconds, got ${JSON.stringify(value)}`);
  if (value < 0) throw new MaintenanceInputError(`${field}: must be zero or more nanoseconds, got ${value}`);
  return value / NS_PER_S;
}

/** Where each machine key sits in a schedule, for the checks below. */
function positions(schedule: MaintenanceScheduleSpec): Map<string, string> {
  const at = new Map<string, string>();
  schedule.windows.forEach((w, i) => w.machines.forEach((m, j) => at.set(machineKey(m), `windows[${i}].machine_ids[${j}]`)));
  return at;
}

/**
 * Check a schedule (UPDATE_MAINTENANCE_SCHEDULE): every window has machines
 * and an unavailability with a start (durations zero or more); every machine
 * has a hostname or a valid IP and is in one window only; no machine given
 * by hostname (or IP) alone overlaps one given with both (an agent there
 * would be in two windows); every DOWN machine stays in (it leaves the
 * schedule only through STOP_MAINTENANCE). `field` prefixes field names.
 */
export function checkSchedule(input: ScheduleInput | null | undefined, field: string, down: ReadonlySet<string> = new Set()): MaintenanceScheduleSpec {
  const windows: MaintenanceWindowSpec[] = [];
  const seen = new Map<string, string>();
  (input?.windows ?? []).forEach((w, i) => {
    const wf = `${field}.windows[${i}]`;
    const ids = w?.machine_ids ?? [];
    if (ids.length === 0) throw new MaintenanceInputError(`${wf}.machine_ids: a window needs at least one machine`);
    if (!w?.unavailability) throw new MaintenanceInputError(`${wf}.unavailability: required (start, and optionally duration)`);
    const startSeconds = nanosToSeconds(w.unavailability.start?.nanoseconds, `${wf}.unavailability.start.nanoseconds`, true)!;
    const durationSeconds = nanosToSeconds(w.unavailability.duration?.nanoseconds, `${wf}.unavailability.duration.nanoseconds`, false);
    const machines = ids.map((m, j) => {
      const mf = `${wf}.machine_ids[${j}]`;
      const machine = parseMachine(m, mf);
      const key = machineKey(machine);
      const earlier = seen.get(key);
      if (earlier) throw new MaintenanceInputError(`${mf}: machine ${machineLabel(machine)} is already in ${field}.${earlier}; a machine may be in one window only`);
      seen.set(key, `windows[${i}].machine_ids[${j}]`);
      return machine;
    });
    windows.push({ machines, startSeconds, ...(durationSeconds !== undefined ? { durationSeconds } : {}) });
  });
  for (const [key, where] of seen) {
    const [hostname, ip] = key.split('|') as [string, string];
    if (!hostname || !ip) continue;
    for (const partial of [`${hostname}|`, `|${ip}`]) {
      const other = seen.get(partial);
      if (other) {
        const p = partial.split('|') as [string, string];
        throw new MaintenanceInputError(`${field}.${other}: machine ${machineLabel({ hostname: p[0], ip: p[1] })} overlaps machine ${machineLabel({ hostname, ip })} at ${field}.${where}: an agent there would be in two windows`);
      }
    }
  }
  for (const key of down) {
    if (!seen.has(key)) {
      const [hostname, ip] = key.split('|') as [string, string];
      throw new MaintenanceInputError(`${field}: machine ${machineLabel({ hostname, ip })} is DOWN and must stay in the schedule; bring it UP first (STOP_MAINTENANCE)`);
    }
  }
  return { windows };
}

/** Check a list of machines (START_MAINTENANCE, STOP_MAINTENANCE): not empty, each valid, none twice. */
export function checkMachineList(input: ReadonlyArray<MachineInput | null> | null | undefined, field: string): Machine[] {
  if (!input || input.length === 0) throw new MaintenanceInputError(`${field}: required: at least one machine (hostname and/or ip)`);
  const seen = new Set<string>();
  return input.map((m, i) => {
    const machine = parseMachine(m, `${field}[${i}]`);
    if (seen.has(machineKey(machine))) throw new MaintenanceInputError(`${field}[${i}]: machine ${machineLabel(machine)} is listed twice`);
    seen.add(machineKey(machine));
    return machine;
  });
}

/** A machine's mode given the schedule and the DOWN machines. */
export function modeOf(key: string, scheduled: ReadonlySet<string>, down: ReadonlySet<string>): MachineMode {
  if (down.has(key)) return 'DOWN';
  return scheduled.has(key) ? 'DRAINING' : 'UP';
}

/** The keys of every machine in a schedule. */
export function scheduledKeys(schedule: MaintenanceScheduleSpec): Set<string> {
  return new Set(positions(schedule).keys());
}

/**
 * START_MAINTENANCE: each machine must be DRAINING (scheduled, not DOWN
 * already). Returns the DOWN set after the change.
 */
export function bringDown(machines: readonly Machine[], schedule: MaintenanceScheduleSpec, down: ReadonlySet<string>, field: string): Set<string> {
  const scheduled = scheduledKeys(schedule);
  const next = new Set(down);
  machines.forEach((m, i) => {
    const mode = modeOf(machineKey(m), scheduled, down);
    if (mode === 'UP') throw new MaintenanceInputError(`${field}[${i}]: machine ${machineLabel(m)} is not in the maintenance schedule; schedule it first (a window may start now)`);
    if (mode === 'DOWN') throw new MaintenanceInputError(`${field}[${i}]: machine ${machineLabel(m)} is already DOWN`);
    next.add(machineKey(m));
  });
  return next;
}

/**
 * STOP_MAINTENANCE: each machine must be DOWN. Returns the schedule without
 * those machines (windows left empty dropped) and the DOWN set after.
 */
export function bringUp(machines: readonly Machine[], schedule: MaintenanceScheduleSpec, down: ReadonlySet<string>, field: string): { schedule: MaintenanceScheduleSpec; down: Set<string> } {
  const scheduled = scheduledKeys(schedule);
  const leaving = new Set<string>();
  machines.forEach((m, i) => {
    const mode = modeOf(machineKey(m), scheduled, down);
    if (mode !== 'DOWN') throw new MaintenanceInputError(`${field}[${i}]: machine ${machineLabel(m)} is ${mode}, not DOWN; only DOWN machines are brought UP${mode === 'DRAINING' ? ' (to cancel its window, update the schedule without it)' : ''}`);
    leaving.add(machineKey(m));
  });
  const windows = schedule.windows
    .map((w) => ({ ...w, machines: w.machines.filter((m) => !leaving.has(machineKey(m))) }))
    .filter((w) => w.machines.length > 0);
  const next = new Set([...down].filter((k) => !leaving.has(k)));
  return { schedule: { windows }, down: next };
}

/** A schedule on the wire (nanoseconds), from the spec. */
export function scheduleToWire(schedule: MaintenanceScheduleSpec): { windows: Array<{ machine_ids: MachineInput[]; unavailability: { start: { nanoseconds: number }; duration?: { nanoseconds: number } } }> } {
  return {
    windows: schedule.windows.map((w) => ({
      machine_ids: w.machines.map(machineToWire),
      unavailability: unavailabilityToWire(w),
    })),
  };
}

/** A window's unavailability on the wire (nanoseconds). */
export function unavailabilityToWire(w: Pick<MaintenanceWindowSpec, 'startSeconds' | 'durationSeconds'>): { start: { nanoseconds: number }; duration?: { nanoseconds: number } } {
  return {
    start: { nanoseconds: Math.round(w.startSeconds * NS_PER_S) },
    ...(w.durationSeconds !== undefined ? { duration: { nanoseconds: Math.round(w.durationSeconds * NS_PER_S) } } : {}),
  };
}

/** A machine on the wire: only the parts it has. */
export function machineToWire(m: Machine): MachineInput {
  return { ...(m.hostname ? { hostname: m.hostname } : {}), ...(m.ip ? { ip: m.ip } : {}) };
}
