/**
 * The operator's maintenance calls, whatever the transport (our gRPC
 * Operator API, Mesos's `POST /api/v1`, Mesos's old `/maintenance/*` and
 * `/machine/*` endpoints): input checked (`maintenance-rules.ts`), the
 * `update_maintenance` ACL checked on every machine named (its hostname, or
 * its IP when it has none), then done on the master once durable. Refusals
 * are {@link OperatorActionError}s naming the field. Also the answers of
 * the reads, in the wire's shape.
 */
import { pb } from '@meseta/proto/wire';
import type { Master } from './master';
import { OperatorActionError, type OperatorAuthority } from './operator-actions';
import {
  type Machine, type MachineInput, MaintenanceInputError, type ScheduleInput,
  checkMachineList, checkSchedule, machineKey, machineToWire, scheduleToWire, unavailabilityToWire,
} from './maintenance-rules';

function checked<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof MaintenanceInputError) throw new OperatorActionError('invalid', e.message);
    throw e;
  }
}

function authorize(authority: OperatorAuthority, machines: readonly Machine[]): void {
  for (const m of machines) {
    const denied = authority.check('update_maintenance', m.hostname || m.ip);
    if (denied) throw new OperatorActionError('denied', denied.message);
  }
}

function by(authority: OperatorAuthority): string {
  return authority.principal ? `principal ${authority.principal}` : 'the operator';
}

async function durably(f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    if (e instanceof MaintenanceInputError) throw new OperatorActionError('invalid', e.message);
    if (e instanceof OperatorActionError) throw e;
    throw new OperatorActionError('failed', (e as Error).message);
  }
}

/**
 * Replace the maintenance schedule (UPDATE_MAINTENANCE_SCHEDULE; an empty
 * one cancels every window of machines not DOWN). `field` names the
 * schedule in refusals (`update_maintenance_schedule.schedule`).
 */
export async function updateMaintenanceSchedule(master: Master, authority: OperatorAuthority, input: ScheduleInput | null | undefined, field: string): Promise<void> {
  const schedule = checked(() => checkSchedule(input, field, master.maintenance.downKeys));
  // Machines added and machines dropped are both changed by this call.
  const before = master.maintenance.currentSchedule.windows.flatMap((w) => w.machines);
  const after = schedule.windows.flatMap((w) => w.machines);
  const keptKeys = new Set(after.map(machineKey));
  authorize(authority, [...after, ...before.filter((m) => !keptKeys.has(machineKey(m)))]);
  await durably(() => master.maintenance.updateSchedule(schedule, by(authority)));
}

/** Bring machines DOWN (START_MAINTENANCE); `field` names the list (`start_maintenance.machines`). */
export async function startMaintenance(master: Master, authority: OperatorAuthority, input: ReadonlyArray<MachineInput | null> | null | undefined, field: string): Promise<void> {
  const machines = checked(() => checkMachineList(input, field));
  authorize(authority, machines);
  await durably(() => master.maintenance.startMaintenance(machines, field, by(authority)));
}

/** Bring DOWN machines UP (STOP_MAINTENANCE); `field` names the list (`stop_maintenance.machines`). */
export async function stopMaintenance(master: Master, authority: OperatorAuthority, input: ReadonlyArray<MachineInput | null> | null | undefined, field: string): Promise<void> {
  const machines = checked(() => checkMachineList(input, field));
  authorize(authority, machines);
  await durably(() => master.maintenance.stopMaintenance(machines, field, by(authority)));
}

/** The schedule as MaintenanceSchedule (times in nanoseconds). */
export function maintenanceScheduleOf(master: Master): ReturnType<typeof scheduleToWire> {
  return scheduleToWire(master.maintenance.currentSchedule);
}

const NS_PER_S = 1e9;

/** The status as Mesos's ClusterStatus: draining machines with the frameworks' answers, DOWN machines. */
export function maintenanceStatusOf(master: Master): {
  draining_machines: Array<{ id: MachineInput; statuses: Array<{ status: number; framework_id: { value: string }; timestamp: { nanoseconds: number } }> }>;
  down_machines: MachineInput[];
} {
  const status = master.maintenance.status();
  return {
    draining_machines: status.filter((s) => s.mode === 'DRAINING').map((s) => ({
      id: machineToWire(s.machine),
      statuses: [...s.answers].map(([fid, a]) => ({ status: pb.InverseOfferStatus.Status[a.status], framework_id: { value: fid }, timestamp: { nanoseconds: Math.round(a.at * NS_PER_S) } })),
    })),
    down_machines: status.filter((s) => s.mode === 'DOWN').map((s) => machineToWire(s.machine)),
  };
}

/** Every scheduled machine as our Operator API's MaintenanceMachine. */
export function maintenanceMachinesOf(master: Master): Array<Record<string, unknown>> {
  return master.maintenance.status().map((s) => ({
    info: { id: machineToWire(s.machine), mode: pb.MachineInfo.Mode[s.mode], unavailability: unavailabilityToWire(s.window) },
    agent_ids: s.agentIds.map((value) => ({ value })),
    statuses: [...s.answers].map(([fid, a]) => ({ status: pb.InverseOfferStatus.Status[a.status], framework_id: { value: fid }, timestamp: { nanoseconds: Math.round(a.at * NS_PER_S) } })),
    ...(s.downSince !== undefined ? { down_since: s.downSince } : {}),
  }));
}
