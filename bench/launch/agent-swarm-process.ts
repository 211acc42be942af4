/**
 * A child process of the launch bench driving a slice of its simulated
 * agents (./launch-agent.ts), each on its own HTTP/2 connection (the lean
 * AgentLink client of bench/scale/raw-agent-link.ts), over TLS with the
 * agents' bearer token when the master is secure. Says `ready` once
 * loaded, takes one {@link SwarmStartMessage}, reports
 * {@link SwarmReportMessage} every 250 ms, and exits on `exit` or when the
 * bench goes away.
 */
import * as fs from 'node:fs';
import { RawAgentLinkConnection } from '../scale/raw-agent-link';
import { LaunchAgent, type LaunchAgentCounters } from './launch-agent';
import type { SwarmReportMessage, SwarmStartMessage } from './messages';

function start(msg: SwarmStartMessage): { agents: LaunchAgent[]; connections: RawAgentLinkConnection[] } {
  const counters: LaunchAgentCounters = { registered: 0, launched: 0, refused: 0 };
  const headers: Record<string, string> = msg.security ? { authorization: `Bearer ${fs.readFileSync(msg.security.tokenFile, 'utf8').trim()}` } : {};
  const tls = msg.security ? { ca: fs.readFileSync(msg.security.caFile) } : undefined;
  const connections: RawAgentLinkConnection[] = [];
  const agents: LaunchAgent[] = [];
  for (let i = 0; i < msg.count; i++) {
    const connection = new RawAgentLinkConnection(msg.master, headers, tls);
    connections.push(connection);
    agents.push(new LaunchAgent({ hostname: `${msg.hostPrefix}${msg.first + i}`, resources: msg.resources, connection, counters }));
  }
  // A chunk per turn of the event loop, so this process keeps answering the master.
  let next = 0;
  const chunk = (): void => {
    const end = Math.min(agents.length, next + 100);
    for (; next < end; next++) agents[next].start();
    if (next < agents.length) setTimeout(chunk, 20);
  };
  chunk();
  setInterval(() => {
    const report: SwarmReportMessage = { type: 'report', registered: counters.registered, launched: counters.launched, refused: counters.refused, lastRefusal: counters.lastRefusal };
    process.send?.(report);
  }, 250).unref();
  return { agents, connections };
}

let running: ReturnType<typeof start> | undefined;
process.on('message', (msg: SwarmStartMessage | { type: 'exit' }) => {
  if (msg.type === 'start' && !running) running = start(msg);
  if (msg.type === 'exit') {
    for (const a of running?.agents ?? []) a.stop();
    for (const c of running?.connections ?? []) c.close();
    process.exit(0);
  }
});
process.send?.({ type: 'ready' });
process.on('disconnect', () => process.exit(0));
