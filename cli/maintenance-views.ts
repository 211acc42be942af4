/**
 * What `meseta maintenance` reads and prints (pure): machines as the
 * operator types them (`host`, `192.0.2.1`, `host@192.0.2.1`), window
 * starts (`now`, `+30m`, `30m`, an ISO time), the schedule and the status
 * as tables with human times, and their JSON.
 */
import { isIP } from 'node:net';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import { formatTable } from './table';
import { formatAge, formatWhen } from './human-time';

/** A machine as the wire has it. */
export interface MachineText {
  hostname?: string;
  ip?: string;
}

/** `host`, an IP, or `host@ip`; throws naming the argument. */
export function parseMachineArg(text: string): MachineText {
  const t = text.trim();
  if (!t) throw new Error('a machine is a hostname, an IP, or hostname@ip (e.g. host1@192.0.2.1)');
  const at = t.lastIndexOf('@');
  if (at >= 0) {
    const hostname = t.slice(0, at);
    const ip = t.slice(at + 1);
    if (!hostname || isIP(ip) === 0) throw new Error(`"${text}": write a machine as hostname@ip with a valid IP (e.g. host1@192.0.2.1)`);
    return { hostname, ip };
  }
  return isIP(t) !== 0 ? { ip: t } : { hostname: t };
}

/** A machine as people read it: `host (192.0.2.1)`, `host` or `192.0.2.1`. */
export function machineText(m: MachineText | null | undefined): string {
  const hostname = m?.hostname ?? '';
  const ip = m?.ip ?? '';
  if (hostname && ip) return `${hostname} (${ip})`;
  return hostname || ip || '?';
}

/**
 * A window's start in seconds since the epoch: `now`, a delay from now
 * (`+30m`, `30m`, `2h`), or a time `Date.parse` reads (`2026-12-06T14:00:00Z`).
 */
export function parseStart(text: string, nowMs: number): number {
  const t = text.trim();
  if (t === 'now') return nowMs / 1000;
  const delay = t.startsWith('+') ? t.slice(1) : t;
  try {
    return nowMs / 1000 + parseDurationSeconds(delay);
  } catch {
    // Not a delay: a moment.
  }
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`--start: "${text}" is not now, a delay (+30m, 2h) or a time (2026-12-06T14:00:00Z)`);
  return ms / 1000;
}

type Nanos = { nanoseconds?: number | null } | null | undefined;

/** A schedule as the wire has it (nanoseconds). */
export interface ScheduleWire {
  windows?: Array<{ machine_ids?: MachineText[] | null; unavailability?: { start?: Nanos; duration?: Nanos } | null }> | null;
}

/** A scheduled machine as our Operator API's GET_MAINTENANCE_STATUS has it. */
export interface MachineStatusWire {
  info?: { id?: MachineText | null; mode?: number | string | null; unavailability?: { start?: Nanos; duration?: Nanos } | null } | null;
  agent_ids?: Array<{ value?: string | null }> | null;
  statuses?: Array<{ status?: number | string | null; framework_id?: { value?: string | null } | null; timestamp?: Nanos }> | null;
  down_since?: number | null;
}

const MODES: Record<number, string> = { 1: 'UP', 2: 'DRAINING', 3: 'DOWN' };
const ANSWERS: Record<number, string> = { 1: 'UNKNOWN', 2: 'ACCEPT', 3: 'DECLINE' };

function nameOf(value: number | string | null | undefined, names: Record<number, string>): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '?' : (names[value] ?? String(value));
}

function seconds(n: Nanos): number | undefined {
  return n?.nanoseconds === null || n?.nanoseconds === undefined ? undefined : Number(n.nanoseconds) / 1e9;
}

function windowText(u: { start?: Nanos; duration?: Nanos } | null | undefined, nowMs: number): { start: string; duration: string } {
  const start = seconds(u?.start);
  const duration = seconds(u?.duration);
  return {
    start: start === undefined ? '-' : `${formatWhen(start * 1000, nowMs)} (${new Date(start * 1000).toISOString().replace('.000Z', 'Z')})`,
    duration: duration === undefined ? 'open-ended' : formatAge(duration),
  };
}

/** The schedule as JSON for `--json`: machines, start and duration in seconds and ISO. */
export function scheduleJson(schedule: ScheduleWire): { windows: Array<{ machines: MachineText[]; start: string | null; start_seconds: number | null; duration_seconds: number | null }> } {
  return {
    windows: (schedule.windows ?? []).map((w) => {
      const start = seconds(w.unavailability?.start);
      const duration = seconds(w.unavailability?.duration);
      return {
        machines: (w.machine_ids ?? []).map((m) => ({ ...(m.hostname ? { hostname: m.hostname } : {}), ...(m.ip ? { ip: m.ip } : {}) })),
        start: start === undefined ? null : new Date(start * 1000).toISOString(),
        start_seconds: start ?? null,
        duration_seconds: duration ?? null,
      };
    }),
  };
}

/** The schedule as a table: WINDOW, MACHINES, STARTS, DURATION. */
export function scheduleTable(schedule: ScheduleWire, nowMs: number): string {
  const windows = schedule.windows ?? [];
  if (windows.length === 0) return 'no maintenance scheduled\n';
  return formatTable(
    [{ header: 'WINDOW' }, { header: 'MACHINES' }, { header: 'STARTS' }, { header: 'DURATION' }],
    windows.map((w, i) => {
      const t = windowText(w.unavailability, nowMs);
      return [String(i), (w.machine_ids ?? []).map(machineText).join(', '), t.start, t.duration];
    }),
  ) + '\n';
}

/** One machine of the status, for `--json` and the table. */
export interface MachineStatusRow {
  machine: MachineText;
  mode: string;
  start: string | null;
  duration_seconds: number | null;
  down_since: string | null;
  agents: string[];
  answers: Array<{ framework_id: string; answer: 'ACCEPT' | 'DECLINE' | 'NOT ANSWERED'; at: string | null }>;
}

/** The status as rows (`--json`). */
export function statusRows(machines: readonly MachineStatusWire[]): MachineStatusRow[] {
  return machines.map((m) => {
    const start = seconds(m.info?.unavailability?.start);
    const duration = seconds(m.info?.unavailability?.duration);
    return {
      machine: { ...(m.info?.id?.hostname ? { hostname: m.info.id.hostname } : {}), ...(m.info?.id?.ip ? { ip: m.info.id.ip } : {}) },
      mode: nameOf(m.info?.mode, MODES),
      start: start === undefined ? null : new Date(start * 1000).toISOString(),
      duration_seconds: duration ?? null,
      down_since: m.down_since ? new Date(m.down_since * 1000).toISOString() : null,
      agents: (m.agent_ids ?? []).map((a) => a.value ?? ''),
      answers: (m.statuses ?? []).map((s) => {
        const name = nameOf(s.status, ANSWERS);
        const at = seconds(s.timestamp);
        return { framework_id: s.framework_id?.value ?? '', answer: name === 'ACCEPT' || name === 'DECLINE' ? name : 'NOT ANSWERED', at: at === undefined ? null : new Date(at * 1000).toISOString() };
      }),
    };
  });
}

/**
 * The status as tables: MACHINE, MODE, WINDOW, AGENTS, ACCEPTED, DECLINED,
 * NOT ANSWERED (counts of frameworks); then each framework's answer.
 */
export function statusTable(rows: readonly MachineStatusRow[], nowMs: number): string {
  if (rows.length === 0) return 'no machine is scheduled for maintenance or DOWN\n';
  const count = (r: MachineStatusRow, a: string): string => String(r.answers.filter((x) => x.answer === a).length);
  const machines = formatTable(
    [{ header: 'MACHINE' }, { header: 'MODE' }, { header: 'WINDOW' }, { header: 'AGENTS' }, { header: 'ACCEPTED' }, { header: 'DECLINED' }, { header: 'NOT ANSWERED' }],
    rows.map((r) => {
      const starts = r.start ? formatWhen(Date.parse(r.start), nowMs) : '-';
      const window = `${starts}, ${r.duration_seconds === null ? 'open-ended' : `for ${formatAge(r.duration_seconds)}`}`;
      const mode = r.mode === 'DOWN' && r.down_since ? `DOWN ${formatWhen(Date.parse(r.down_since), nowMs)}` : r.mode;
      return [machineText(r.machine), mode, window, String(r.agents.length), count(r, 'ACCEPT'), count(r, 'DECLINE'), count(r, 'NOT ANSWERED')];
    }),
  );
  const answers = rows.flatMap((r) => r.answers.map((a) => [machineText(r.machine), a.framework_id, a.answer, a.at && a.answer !== 'NOT ANSWERED' ? formatWhen(Date.parse(a.at), nowMs) : '-']));
  if (answers.length === 0) return `${machines}\n`;
  return `${machines}\n\n${formatTable([{ header: 'MACHINE' }, { header: 'FRAMEWORK' }, { header: 'ANSWER' }, { header: 'WHEN' }], answers)}\n`;
}
