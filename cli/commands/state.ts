/**
 * `meseta agents | frameworks | tasks | state`: what the master knows, as
 * tables or (with `--json`) as the master's Mesos-style JSON answer.
 *
 * They read the master's HTTP `/state` (the same document `GET_STATE`
 * returns, in the same Mesos-style JSON) with `node:http` alone: no gRPC
 * and no protobuf code are loaded, so these verbs start as fast as Node.
 * `--json` of a listing prints what the Operator API's narrower call
 * (`GET_AGENTS`, ...) answers: `{ type, state }` with only that call's part
 * of the state; an integration test compares the two byte for byte.
 */
import type { Command } from 'commander';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { getMasterJson } from '../master-http';
import { CliError } from '../cli-error';
import type { ClusterStateJson } from '../state-json';
import { formatTable } from '../table';
import type { TableView, ViewOptions } from '../state-views';
import { agentsView, frameworksView, tasksView } from '../state-views';

export { MASTER_OPTION_HELP } from '../master-flag';

interface ListingFlags {
  master?: string;
  json?: boolean;
  all?: boolean;
}

/** One listing verb and the Operator API call whose answer `--json` prints. */
export interface Listing {
  name: string;
  summary: string;
  allHelp: string;
  /** The Operator API call (`OperatorCall.Type` by name). */
  call: string;
  /** The parts of the state that call answers with, besides `master_info`. */
  fields: readonly string[];
  view: (state: ClusterStateJson, options: ViewOptions) => TableView;
}

/** The listing verbs, as the master's `answerOperatorCall` narrows GET_STATE for them. */
export const LISTINGS: readonly Listing[] = [
  {
    name: 'agents',
    summary: 'List agents with their resources in use (used/total)',
    allHelp: 'include gone agents',
    call: 'GET_AGENTS',
    fields: ['agents'],
    view: agentsView,
  },
  {
    name: 'frameworks',
    summary: 'List frameworks with their allocation and dominant share',
    allHelp: 'include completed frameworks',
    call: 'GET_FRAMEWORKS',
    fields: ['frameworks', 'completed_frameworks'],
    view: frameworksView,
  },
  {
    name: 'tasks',
    summary: 'List running tasks',
    allHelp: 'include completed tasks',
    call: 'GET_TASKS',
    fields: ['tasks', 'completed_tasks'],
    view: tasksView,
  },
];

/**
 * The Operator API's answer to `listing.call`, from the full state: `type`,
 * then `state` holding `master_info` and the listing's fields, in the
 * order the state has them (the contract's field order). Pure.
 */
export function listingAnswer(listing: Listing, state: ClusterStateJson): { type: string; state: ClusterStateJson } {
  const keep = new Set(['master_info', ...listing.fields]);
  const part: ClusterStateJson = {};
  for (const [key, value] of Object.entries(state)) if (keep.has(key)) part[key] = value;
  return { type: listing.call, state: part };
}

/** JSON text as the verbs print it: two-space indents, a newline at the end. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * When `answer` (a `/state` document) comes from an agent rather than a
 * master, the error to show: which address was given and which master the
 * agent names. Undefined for a master's answer. Pure.
 */
export function agentAnswerProblem(address: string, answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null || 'master_info' in answer) return undefined;
  const doc = answer as { master?: unknown; pid?: unknown };
  const isAgent = typeof doc.master === 'string' || (typeof doc.pid === 'string' && doc.pid.startsWith('slave('));
  if (!isAgent) return undefined;
  const master = typeof doc.master === 'string' && doc.master !== '' ? doc.master : undefined;
  return master
    ? `${address} is an agent, not a master: its master is ${master}; use --master ${master}`
    : `${address} is an agent, not a master: give --master the master's address`;
}

/** The master's `/state`; refused with the fix when the address is an agent's. */
export async function fetchState(master: string): Promise<ClusterStateJson> {
  const answer = await getMasterJson(master, '/state');
  const problem = agentAnswerProblem(master, answer);
  if (problem) throw new CliError(problem);
  return answer as ClusterStateJson;
}

/** Register `agents`, `frameworks`, `tasks` and `state` on `program`. */
export function registerStateCommands(program: Command): void {
  for (const listing of LISTINGS) {
    program
      .command(listing.name)
      .summary(listing.summary)
      .description(`${listing.summary}. --json prints the master's answer to ${listing.call} as JSON.`)
      .option('--master <host:port>', MASTER_OPTION_HELP)
      .option('--json', 'print JSON instead of a table')
      .option('--all', listing.allHelp)
      .action(async (flags: ListingFlags) => {
        const state = await fetchState(masterFlag('--master', flags.master));
        if (flags.json) {
          process.stdout.write(jsonText(listingAnswer(listing, state)));
          return;
        }
        const view = listing.view(state, { all: flags.all });
        process.stdout.write((view.rows.length === 0 ? view.empty : formatTable(view.columns, view.rows)) + '\n');
      });
  }

  program
    .command('state')
    .summary('Print the master\'s full state as JSON (like GET /state)')
    .description('Print the master\'s full state (agents, frameworks, tasks, offers, roles) as JSON.')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON (the default; accepted for symmetry)')
    .action(async (flags: ListingFlags) => {
      process.stdout.write(jsonText(await fetchState(masterFlag('--master', flags.master))));
    });
}
