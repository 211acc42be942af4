/**
 * `meseta maintenance`: Mesos's maintenance primitives through the gRPC
 * Operator API.
 *
 * - `meseta maintenance [status]`: every scheduled machine, its mode
 *   (DRAINING, DOWN), window, agents and the frameworks' answers to its
 *   inverse offers (GET_MAINTENANCE_STATUS).
 * - `meseta maintenance schedule`: the schedule; with machines
 *   (`host`, `192.0.2.1`, `host@192.0.2.1`) adds one window for them
 *   (`--start`, `--duration`) to it; `--file` replaces it with a Mesos
 *   schedule JSON (`-` for stdin); `--clear` empties it
 *   (UPDATE_MAINTENANCE_SCHEDULE).
 * - `meseta maintenance down <machine...>` (START_MAINTENANCE) and
 *   `meseta maintenance up <machine...>` (STOP_MAINTENANCE).
 */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { pb, type OperatorResponse } from '@meseta/proto/wire';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { jsonText } from './state';
import {
  type MachineStatusWire, type MachineText, type ScheduleWire,
  machineText, parseMachineArg, parseStart, scheduleJson, scheduleTable, statusRows, statusTable,
} from '../maintenance-views';

const T = pb.OperatorCall.Type;

interface Flags {
  master?: string;
  json?: boolean;
  start?: string;
  duration?: string;
  file?: string;
  clear?: boolean;
}

function machinesOf(args: readonly string[], verb: string): MachineText[] {
  if (args.length === 0) throw new UsageError(`maintenance ${verb}: give the machines (hostname, IP, or hostname@ip), e.g. meseta maintenance ${verb} host1`);
  return args.map((a) => {
    try {
      return parseMachineArg(a);
    } catch (e) {
      throw new UsageError(`maintenance ${verb}: ${(e as Error).message}`);
    }
  });
}

function scheduleOf(answer: OperatorResponse): ScheduleWire {
  return (answer.maintenance_schedule ?? {}) as ScheduleWire;
}

function readScheduleFile(path: string): ScheduleWire {
  let text: string;
  try {
    text = fs.readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new UsageError(`--file: cannot read ${path}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--file: ${path} is not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new UsageError(`--file: ${path} must hold a schedule object {"windows": [...]}, as Mesos's /maintenance/schedule takes`);
  return doc as ScheduleWire;
}

async function showStatus(master: string, json: boolean): Promise<void> {
  const answer = await actOnMaster(master, { type: T.GET_MAINTENANCE_STATUS });
  const rows = statusRows((answer.maintenance_machines ?? []) as MachineStatusWire[]);
  process.stdout.write(json ? jsonText({ machines: rows }) : statusTable(rows, Date.now()));
}

async function schedule(args: string[], flags: Flags): Promise<void> {
  const master = masterFlag('--master', flags.master);
  const setting = args.length > 0 || flags.file !== undefined || flags.clear === true;
  if ([args.length > 0, flags.file !== undefined, flags.clear === true].filter(Boolean).length > 1) {
    throw new UsageError('maintenance schedule: give machines (to add a window), --file, or --clear, one of them');
  }
  if (!setting && (flags.start !== undefined || flags.duration !== undefined)) throw new UsageError('maintenance schedule: --start and --duration go with machines (meseta maintenance schedule host1 --start +10m --duration 1h)');
  let next: ScheduleWire | undefined;
  if (flags.clear) next = { windows: [] };
  else if (flags.file !== undefined) next = readScheduleFile(flags.file);
  else if (args.length > 0) {
    const machines = machinesOf(args, 'schedule');
    let start: number;
    let duration: number;
    try {
      start = parseStart(flags.start ?? 'now', Date.now());
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    try {
      duration = parseDurationSeconds(flags.duration ?? '1h');
    } catch (e) {
      throw new UsageError(`--duration: ${(e as Error).message}`);
    }
    const current = scheduleOf(await actOnMaster(master, { type: T.GET_MAINTENANCE_SCHEDULE }));
    next = {
      windows: [
        ...(current.windows ?? []),
        { machine_ids: machines, unavailability: { start: { nanoseconds: Math.round(start * 1e9) }, duration: { nanoseconds: Math.round(duration * 1e9) } } },
      ],
    };
  }
  if (!next) {
    const current = scheduleOf(await actOnMaster(master, { type: T.GET_MAINTENANCE_SCHEDULE }));
    process.stdout.write(flags.json ? jsonText(scheduleJson(current)) : scheduleTable(current, Date.now()));
    return;
  }
  const answer = await actOnMaster(master, { type: T.UPDATE_MAINTENANCE_SCHEDULE, update_maintenance_schedule: { schedule: next as never } });
  const stored = scheduleOf(answer);
  process.stdout.write(flags.json ? jsonText(scheduleJson(stored)) : scheduleTable(stored, Date.now()));
}

async function downOrUp(verb: 'down' | 'up', args: string[], flags: Flags): Promise<void> {
  const machines = machinesOf(args, verb);
  const master = masterFlag('--master', flags.master);
  const call = verb === 'down'
    ? { type: T.START_MAINTENANCE, start_maintenance: { machines } }
    : { type: T.STOP_MAINTENANCE, stop_maintenance: { machines } };
  const answer = await actOnMaster(master, call);
  if (flags.json) {
    process.stdout.write(jsonText({ [verb]: machines, machines: statusRows((answer.maintenance_machines ?? []) as MachineStatusWire[]) }));
    return;
  }
  for (const m of machines) {
    process.stdout.write(verb === 'down'
      ? `machine ${machineText(m)}: DOWN; its agents were removed (their tasks ended) and are refused until meseta maintenance up ${args[machines.indexOf(m)]}\n`
      : `machine ${machineText(m)}: UP; out of the schedule, its agents may register again\n`);
  }
}

/** Register `maintenance` on `program`. */
export function registerMaintenanceCommand(program: Command): void {
  program
    .command('maintenance')
    .summary('Maintenance windows of machines: meseta maintenance [status|schedule|down|up]')
    .description(
      'Mesos maintenance. A scheduled machine is DRAINING: offers of its agents carry the window (unavailability) and frameworks with tasks there get inverse offers, which they accept or decline. ' +
        '`down` removes its agents (tasks ended) and refuses them; `up` takes it out of the schedule and lets them back. Machines are hostname, IP, or hostname@ip. ' +
        'Actions need the operator credential and, with ACLs, update_maintenance on each machine.\n\n' +
        '  meseta maintenance                      status: modes, windows, the frameworks\' answers\n' +
        '  meseta maintenance schedule             the schedule\n' +
        '  meseta maintenance schedule host1 host2 --start +10m --duration 2h   add a window\n' +
        '  meseta maintenance schedule --file schedule.json                     replace it (Mesos JSON; - for stdin)\n' +
        '  meseta maintenance schedule --clear     cancel every window (DOWN machines must be brought up first)\n' +
        '  meseta maintenance down host1           bring a scheduled machine DOWN\n' +
        '  meseta maintenance up host1             bring it back UP',
    )
    .argument('[action]', 'status (default), schedule, down or up')
    .argument('[machines...]', 'machines: hostname, IP, or hostname@ip')
    .option('--start <when>', 'with schedule: when the window starts: now (default), +30m, 2h, or a time (2026-12-06T14:00:00Z)')
    .option('--duration <duration>', 'with schedule: how long the machines are away (default 1h)')
    .option('--file <path>', 'with schedule: replace the schedule with this Mesos schedule JSON (- for stdin)')
    .option('--clear', 'with schedule: cancel every window')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (action: string | undefined, machines: string[], flags: Flags) => {
      switch (action ?? 'status') {
        case 'status':
          if (machines.length > 0) throw new UsageError('maintenance status: takes no machines (it shows every scheduled machine)');
          return showStatus(masterFlag('--master', flags.master), flags.json === true);
        case 'schedule':
          return schedule(machines, flags);
        case 'down':
        case 'up':
          if (flags.start !== undefined || flags.duration !== undefined || flags.file !== undefined || flags.clear) throw new UsageError(`maintenance ${action}: --start, --duration, --file and --clear go with schedule`);
          return downOrUp(action as 'down' | 'up', machines, flags);
        default:
          throw new UsageError(`maintenance: unknown action '${action}' (status, schedule, down, up)`);
      }
    });
}
