/**
 * The pure parts of the operator's action verbs (`drain`, `deactivate`,
 * `reactivate`, `kill`, `teardown`): finding an agent given by id or
 * address in `/state`, and the progress of a drain. No I/O.
 */
import type { AgentStateJson, ClusterStateJson } from './state-json';
import { DEFAULT_AGENT_PORT, idText, isTerminalTask } from './state-json';

/** An agent reference resolved against `/state`: its id, or why not. */
export type AgentRef = { id: string; agent: AgentStateJson } | { problem: string };

/** `host:port` of an agent as /state shows it. */
export function agentAddressText(a: AgentStateJson): string {
  return `${a.agent_info?.hostname ?? a.address?.hostname ?? ''}:${a.agent_info?.port ?? a.address?.port ?? DEFAULT_AGENT_PORT}`;
}

/**
 * The agent `ref` names: its id, or `host:port` (hostname or IP), or a
 * hostname that only one agent has. Gone agents are not candidates.
 */
export function resolveAgent(ref: string, state: ClusterStateJson): AgentRef {
  const agents = (state.agents ?? []).filter((a) => a.status !== 'GONE');
  const byId = agents.find((a) => idText(a.agent_info?.id) === ref);
  if (byId) return { id: ref, agent: byId };
  const port = /^(.*):(\d+)$/.exec(ref);
  const matches = agents.filter((a) => {
    const names = [a.agent_info?.hostname, a.address?.hostname, a.address?.ip].filter((n): n is string => Boolean(n));
    const agentPort = a.agent_info?.port ?? a.address?.port ?? DEFAULT_AGENT_PORT;
    return port ? names.includes(port[1]) && agentPort === Number(port[2]) : names.includes(ref);
  });
  if (matches.length === 1) return { id: idText(matches[0].agent_info?.id), agent: matches[0] };
  if (matches.length > 1) {
    return { problem: `${ref} names ${matches.length} agents (${matches.map((a) => `${idText(a.agent_info?.id)} at ${agentAddressText(a)}`).join(', ')}); give the agent's id or host:port` };
  }
  const known = agents.slice(0, 5).map((a) => `${agentAddressText(a)} (${idText(a.agent_info?.id)})`).join(', ');
  return { problem: `no agent ${ref} is known to the master${known ? `; agents: ${known}${agents.length > 5 ? ', …' : ''}` : ' (it has no agents)'} — see meseta agents` };
}

/** Where a drain stands, from `/state`. */
export interface DrainProgress {
  /** DRAINING, DRAINED, GONE (drained with mark gone, or removed), or NOT_DRAINING (reactivated meanwhile). */
  state: 'DRAINING' | 'DRAINED' | 'GONE' | 'NOT_DRAINING';
  /** Live tasks still on the agent. */
  tasksLeft: number;
}

/** The drain of agent `agentId` in `state`. */
export function drainProgress(agentId: string, state: ClusterStateJson): DrainProgress {
  const agent = (state.agents ?? []).find((a) => idText(a.agent_info?.id) === agentId);
  const tasksLeft = (state.tasks ?? []).filter((t) => idText(t.agent_id) === agentId && !isTerminalTask(t)).length;
  if (!agent || agent.status === 'GONE') return { state: 'GONE', tasksLeft };
  const drain = (agent.drain_info as { state?: string } | undefined)?.state;
  if (drain === 'DRAINED' || drain === 'DRAINING') return { state: drain, tasksLeft };
  return { state: 'NOT_DRAINING', tasksLeft };
}

/** The line `meseta drain` prints for a progress. */
export function drainProgressLine(agentName: string, p: DrainProgress): string {
  switch (p.state) {
    case 'DRAINING':
      return `agent ${agentName}: DRAINING, ${p.tasksLeft} task${p.tasksLeft === 1 ? '' : 's'} left`;
    case 'DRAINED':
      return `agent ${agentName}: DRAINED`;
    case 'GONE':
      return `agent ${agentName}: drained and gone`;
    case 'NOT_DRAINING':
      return `agent ${agentName}: no longer draining (reactivated meanwhile)`;
  }
}
