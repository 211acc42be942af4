/**
 * Cron expressions and their next fire time, in UTC. Five fields
 * (`minute hour day-of-month month day-of-week`) or six with seconds first.
 * Each field takes `*`, numbers, ranges `a-b`, steps `*\/s` and `a-b/s`,
 * lists `a,b`, and names for months (JAN..DEC) and days (SUN..SAT; 7 is
 * Sunday too). When both day fields are restricted a day matching either
 * fires, as in classic cron. Pure.
 */

/** A parsed expression: the allowed values of each field. */
export interface CronSchedule {
  text: string;
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Offset of the first name (months start at 1). */
  nameBase?: number;
}

const FIELDS: Record<string, FieldSpec> = {
  second: { name: 'second', min: 0, max: 59 },
  minute: { name: 'minute', min: 0, max: 59 },
  hour: { name: 'hour', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  dayOfWeek: { name: 'day-of-week', min: 0, max: 7, names: DAYS, nameBase: 0 },
};

/** A cron expression that does not parse; the message names the field. */
export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

function value(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  if (spec.names) {
    const i = spec.names.indexOf(upper);
    if (i >= 0) return i + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(text)) throw new CronError(`${spec.name}: "${text}" is not a number${spec.names ? ' or a name' : ''}`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new CronError(`${spec.name}: ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

function parseField(text: string, spec: FieldSpec): { values: Set<number>; restricted: boolean } {
  const values = new Set<number>();
  if (text === '') throw new CronError(`${spec.name}: empty`);
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronError(`${spec.name}: "${part}" has two steps`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new CronError(`${spec.name}: step "${stepText}" must be a whole number >= 1`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = spec.min;
      to = spec.name === 'day-of-week' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = value(a, spec);
      to = value(b, spec);
      if (from > to) throw new CronError(`${spec.name}: range ${range} runs backwards`);
    } else {
      from = value(range, spec);
      to = stepText !== undefined ? (spec.name === 'day-of-week' ? 6 : spec.max) : from;
    }
    for (let v = from; v <= to; v += step) values.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return { values, restricted: text !== '*' && text !== '?' };
}

/** Parse an expression. @throws CronError naming the field. */
export function parseCron(text: string): CronSchedule {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw new CronError(`"${text}": needs 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), got ${parts.length}`);
  }
  const [sec, min, hour, dom, month, dow] = parts.length === 6 ? parts : ['0', ...parts];
  const d = parseField(dom, FIELDS.dayOfMonth);
  const w = parseField(dow, FIELDS.dayOfWeek);
  return {
    text,
    seconds: parseField(sec, FIELDS.second).values,
    minutes: parseField(min, FIELDS.minute).values,
    hours: parseField(hour, FIELDS.hour).values,
    daysOfMonth: d.values,
    months: parseField(month, FIELDS.month).values,
    daysOfWeek: w.values,
    domRestricted: d.restricted,
    dowRestricted: w.restricted,
  };
}

function dayMatches(s: CronSchedule, date: Date): boolean {
  const dom = s.daysOfMonth.has(date.getUTCDate());
  const dow = s.daysOfWeek.has(date.getUTCDay());
  if (s.domRestricted && s.dowRestricted) return dom || dow;
  return dom && dow;
}

/**
 * The first fire time strictly after `afterMs` (ms since the epoch), or
 * undefined when there is none within eight years (e.g. 30 February).
 */
export function nextFire(s: CronSchedule, afterMs: number): number | undefined {
  const d = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
  const limit = afterMs + 8 * 366 * 24 * 3600 * 1000;
  while (d.getTime() <= limit) {
    if (!s.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    if (!s.seconds.has(d.getUTCSeconds())) {
      d.setUTCSeconds(d.getUTCSeconds() + 1, 0);
      continue;
    }
    return d.getTime();
  }
  return undefined;
}
