/**
 * `/proc/<pid>/stat` read as text, and a posix task's usage summed over
 * its process tree. Pure: the reading is `proc-table.ts`'s.
 */

/** What the usage sums need of one process. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgrp: number;
  /** Clock ticks in user and kernel mode, its own and its waited-for children's. */
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  /** Resident set in pages. */
  rssPages: number;
}

/**
 * Parse one `/proc/<pid>/stat` line. The command name (field 2) sits in
 * parentheses and may itself hold spaces and parentheses, so the fields
 * are counted from the last `)`. Undefined for text that is not one.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // After ")": state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10) cminflt(11)
  // majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17) priority(18) nice(19)
  // num_threads(20) itrealvalue(21) starttime(22) vsize(23) rss(24)
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const field = (n: number): number => Number(rest[n - 3]);
  const stat: ProcStat = {
    pid, ppid: field(4), pgrp: field(5), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17), rssPages: field(24),
  };
  for (const v of Object.values(stat)) if (!Number.isInteger(v)) return undefined;
  if (stat.pid <= 0) return undefined;
  return stat;
}

/**
 * The processes of a posix task whose leader is `leader`: the leader, its
 * descendants (by parent pid) and every process still in its process group
 * (children a dead parent left to init, which the agent's kill reaches
 * too). Empty when the leader is not among `procs`.
 */
export function taskProcesses(procs: readonly ProcStat[], leader: number): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  let found: ProcStat | undefined;
  for (const p of procs) {
    if (p.pid === leader) found = p;
    const list = byParent.get(p.ppid);
    if (list) list.push(p);
    else byParent.set(p.ppid, [p]);
  }
  if (!found) return [];
  const seen = new Set<number>([leader]);
  const out: ProcStat[] = [found];
  const queue = [leader];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    for (const child of byParent.get(pid) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      out.push(child);
      queue.push(child.pid);
    }
  }
  for (const p of procs) {
    if (p.pgrp === leader && !seen.has(p.pid)) {
      seen.add(p.pid);
      out.push(p);
    }
  }
  return out;
}

/** CPU seconds and resident bytes of a set of processes. */
export interface ProcUsage {
  cpusUserTimeSecs: number;
  cpusSystemTimeSecs: number;
  memRssBytes: number;
  processes: number;
}

/**
 * Sum a task's processes: user and kernel ticks (children already waited
 * for included, so a shell's finished commands still count) over
 * `ticksPerSecond` (USER_HZ, 100 on Linux), resident pages × `pageBytes`.
 */
export function sumProcUsage(procs: readonly ProcStat[], ticksPerSecond = 100, pageBytes = 4096): ProcUsage {
  let user = 0;
  let system = 0;
  let pages = 0;
  for (const p of procs) {
    user += p.utime + p.cutime;
    system += p.stime + p.cstime;
    pages += p.rssPages;
  }
  return { cpusUserTimeSecs: user / ticksPerSecond, cpusSystemTimeSecs: system / ticksPerSecond, memRssBytes: pages * pageBytes, processes: procs.length };
}
