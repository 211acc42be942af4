/**
 * The registry-load bench's reading of a master's log (bench/scale/start-log.ts):
 * the last start's bind and lead times, recovery_ms and links held.
 */
import { startFigures } from '../../bench/scale/start-log';

const BOUND = '2026-12-06T19:26:25.657Z INFO master port bound before loading the master address=127.0.0.1:33023 process_uptime_ms=934';
const ELECTED = '2026-12-06T19:26:30.907Z INFO master elected leading master address=127.0.0.1:33023 registry=/tmp/r/registry.json recovery_ms=3361 agent_links_held=156';
const STARTED = '2026-12-06T19:26:31.290Z INFO master master started address=127.0.0.1:33023 hostname=vm version=0.1.0 port_bound_early=true process_uptime_ms=6567';

describe('startFigures', () => {
  it.each([
    ['one start', [BOUND, 'meseta master listening on 127.0.0.1:33023', ELECTED, STARTED], { boundMs: 934, startedMs: 6567, recoveryMs: 3361, linksHeld: 156 }],
    [
      'two starts (before and after a failover): the last',
      [BOUND.replace('934', '482'), ELECTED.replace('3361', '8').replace('156', '0'), STARTED.replace('6567', '600'), BOUND, ELECTED, STARTED],
      { boundMs: 934, startedMs: 6567, recoveryMs: 3361, linksHeld: 156 },
    ],
    ['an older build without the early bind', [ELECTED, STARTED.replace(' port_bound_early=true', '')], { boundMs: undefined, startedMs: 6567, recoveryMs: 3361, linksHeld: 156 }],
    ['no start yet', ['2026-12-06T19:26:25Z WARN master.auth no --credentials'], { boundMs: undefined, startedMs: undefined, recoveryMs: undefined, linksHeld: undefined }],
    ['a field name inside another is not taken', ['x master started foo_process_uptime_ms=5'], { boundMs: undefined, startedMs: undefined, recoveryMs: undefined, linksHeld: undefined }],
  ] as Array<[string, string[], object]>)('%s', (_what, lines, expected) => {
    expect(startFigures(lines.join('\n'))).toEqual(expected);
  });
});
