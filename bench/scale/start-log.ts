/**
 * What a master's log says about its start: when it bound its port and when
 * it led (process uptime, ms), the registry load's `recovery_ms` and the
 * agent links held meanwhile. Pure: reads the log's text.
 */

/** The figures of one start; undefined where the log has no such line (e.g. an older build). */
export interface StartFigures {
  /** `port bound before loading the master ... process_uptime_ms`. */
  boundMs?: number;
  /** `master started ... process_uptime_ms` (after the master led). */
  startedMs?: number;
  /** `elected leading master ... recovery_ms`. */
  recoveryMs?: number;
  /** `elected leading master ... agent_links_held`. */
  linksHeld?: number;
}

function field(line: string | undefined, name: string): number | undefined {
  if (line === undefined) return undefined;
  const m = new RegExp(`(?:^|\\s)${name}=(\\d+)(?:\\s|$)`).exec(line);
  return m ? Number(m[1]) : undefined;
}

/** The last start's figures in `log` (a log that holds several starts, e.g. before and after a failover, gives the last). */
export function startFigures(log: string): StartFigures {
  const lines = log.split('\n');
  const last = (text: string): string | undefined => {
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].includes(text)) return lines[i];
    return undefined;
  };
  const elected = last('elected leading master');
  return {
    boundMs: field(last('port bound before loading the master'), 'process_uptime_ms'),
    startedMs: field(last('master started'), 'process_uptime_ms'),
    recoveryMs: field(elected, 'recovery_ms'),
    linksHeld: field(elected, 'agent_links_held'),
  };
}
