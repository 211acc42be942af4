/**
 * The operator's action verbs, through the master's gRPC Operator API:
 *
 * - `meseta drain <agent> [--max-grace-period 30s] [--mark-gone] [--no-wait]`:
 *   no more offers of the agent, its tasks killed; waits, printing the
 *   tasks left, until the agent is DRAINED.
 * - `meseta deactivate <agent>` / `meseta reactivate <agent>`.
 * - `meseta kill <task-id> [--framework <id>]`: the master's kill of one task.
 * - `meseta teardown <framework-id>`: the framework removed, its tasks killed.
 *
 * An agent is given by id or by `host:port` (or a hostname only one agent
 * has), looked up in the master's `/state`.
 */
import type { Command } from 'commander';
import { pb } from '@meseta/proto/wire';
import { parseDurationSeconds } from '@meseta/runtime/duration';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { CliError, UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { fetchState, jsonText } from './state';
import { drainProgress, drainProgressLine, resolveAgent, agentAddressText, type DrainProgress } from '../operate-views';

const T = pb.OperatorCall.Type;

/** How often `drain` looks at the master's /state while it waits. */
const DRAIN_POLL_MS = 500;

interface ActionFlags {
  master?: string;
  json?: boolean;
}

interface DrainFlags extends ActionFlags {
  maxGracePeriod?: string;
  markGone?: boolean;
  wait: boolean;
}

/** The agent `ref` names, with a name to print; a CliError naming the fix otherwise. */
async function agentFor(master: string, ref: string): Promise<{ id: string; name: string }> {
  const found = resolveAgent(ref, await fetchState(master));
  if ('problem' in found) throw new CliError(found.problem);
  return { id: found.id, name: `${agentAddressText(found.agent)} (${found.id})` };
}

/** Wait for the drain of `agentId` to end, printing each change. */
async function followDrain(master: string, agentId: string, name: string, json: boolean): Promise<DrainProgress> {
  let last = '';
  for (;;) {
    const progress = drainProgress(agentId, await fetchState(master));
    const line = drainProgressLine(name, progress);
    if (line !== last && !json) process.stdout.write(line + '\n');
    last = line;
    if (progress.state !== 'DRAINING') return progress;
    await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
  }
}

/** Register `drain`, `deactivate`, `reactivate`, `kill` and `teardown` on `program`. */
export function registerOperateCommands(program: Command): void {
  program
    .command('drain')
    .summary('Drain an agent: no more offers, its tasks killed; waits until DRAINED')
    .description('Drain an agent (Mesos DRAIN_AGENT): the master stops offering it and kills its tasks with their kill policy, the grace period capped at --max-grace-period; the agent is DRAINED when no task is left. Waits and shows the tasks left unless --no-wait. Undo with meseta reactivate.')
    .argument('<agent>', 'agent id or host:port')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--max-grace-period <duration>', 'longest grace period a task gets between SIGTERM and SIGKILL (e.g. 30s; default: each task\'s own)')
    .option('--mark-gone', 'mark the agent gone once drained (it cannot re-register)')
    .option('--no-wait', 'return once the drain has started')
    .option('--json', 'print the outcome as JSON')
    .action(async (ref: string, flags: DrainFlags) => {
      let max: number | undefined;
      if (flags.maxGracePeriod !== undefined) {
        try {
          max = parseDurationSeconds(flags.maxGracePeriod);
        } catch (e) {
          throw new UsageError(`--max-grace-period: ${(e as Error).message}`);
        }
      }
      const master = masterFlag('--master', flags.master);
      const agent = await agentFor(master, ref);
      await actOnMaster(master, {
        type: T.DRAIN_AGENT,
        drain_agent: { agent_id: { value: agent.id }, mark_gone: flags.markGone === true, ...(max !== undefined ? { max_grace_period: { nanoseconds: Math.round(max * 1e9) } } : {}) },
      });
      if (!flags.wait) {
        const progress = drainProgress(agent.id, await fetchState(master));
        process.stdout.write(flags.json ? jsonText({ agent_id: agent.id, ...progress }) : drainProgressLine(agent.name, progress) + '\n');
        return;
      }
      const end = await followDrain(master, agent.id, agent.name, flags.json === true);
      if (flags.json) process.stdout.write(jsonText({ agent_id: agent.id, ...end }));
      if (end.state === 'NOT_DRAINING') throw new CliError(`agent ${agent.name} was reactivated before it drained`);
    });

  for (const [verb, type, summary, done] of [
    ['deactivate', T.DEACTIVATE_AGENT, 'Stop offers of an agent; its tasks keep running (undo: meseta reactivate)', 'deactivated: no offers of it'],
    ['reactivate', T.REACTIVATE_AGENT, 'Offer an agent again after deactivate or drain', 'reactivated: offered again'],
  ] as const) {
    program
      .command(verb)
      .summary(summary)
      .description(`${summary}.`)
      .argument('<agent>', 'agent id or host:port')
      .option('--master <host:port>', MASTER_OPTION_HELP)
      .option('--json', 'print the outcome as JSON')
      .action(async (ref: string, flags: ActionFlags) => {
        const master = masterFlag('--master', flags.master);
        const agent = await agentFor(master, ref);
        const field = verb === 'deactivate' ? 'deactivate_agent' : 'reactivate_agent';
        await actOnMaster(master, { type, [field]: { agent_id: { value: agent.id } } });
        process.stdout.write(flags.json ? jsonText({ agent_id: agent.id, [verb === 'deactivate' ? 'deactivated' : 'reactivated']: true }) : `agent ${agent.name} ${done}\n`);
      });
  }

  program
    .command('kill')
    .summary('Kill a task (its kill policy applies)')
    .description('Kill a running task through the master, as its framework\'s KILL would; the framework hears TASK_KILLED.')
    .argument('<task-id>', 'the task')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--framework <id>', 'the framework of the task, when its id is not unique')
    .option('--json', 'print the outcome as JSON')
    .action(async (taskId: string, flags: ActionFlags & { framework?: string }) => {
      const master = masterFlag('--master', flags.master);
      await actOnMaster(master, { type: T.KILL_TASK, kill_task: { task_id: { value: taskId }, ...(flags.framework ? { framework_id: { value: flags.framework } } : {}) } });
      process.stdout.write(flags.json ? jsonText({ task_id: taskId, kill: 'sent' }) : `kill of task ${taskId} sent\n`);
    });

  program
    .command('teardown')
    .summary('Remove a framework: its tasks are killed, it is forgotten')
    .description('Tear a framework down (Mesos TEARDOWN): its tasks are killed and it cannot re-subscribe under its id.')
    .argument('<framework-id>', 'the framework')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print the outcome as JSON')
    .action(async (frameworkId: string, flags: ActionFlags) => {
      const master = masterFlag('--master', flags.master);
      await actOnMaster(master, { type: T.TEARDOWN, teardown: { framework_id: { value: frameworkId } } });
      process.stdout.write(flags.json ? jsonText({ framework_id: frameworkId, torn_down: true }) : `framework ${frameworkId} torn down\n`);
    });
}

