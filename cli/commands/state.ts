/**
 * `meseta agents | frameworks | tasks | state`: what the master knows, as
 * tables or (with `--json`) as the master's Mesos-style JSON answer.
 */
import type { Command } from 'commander';
import type { ClusterState } from '../../proto/src/wire';
import { JSON_OPTIONS, pb, v1 } from '../../proto/src/wire';
import { masterFlag } from '../flags';
import { queryMaster } from '../master-query';
import { formatTable } from '../table';
import type { TableView, ViewOptions } from '../state-views';
import { agentsView, frameworksView, tasksView } from '../state-views';

interface ListingFlags {
  master?: string;
  json?: boolean;
  all?: boolean;
}

interface Listing {
  name: string;
  summary: string;
  allHelp: string;
  call: v1.OperatorCall.Type;
  view: (state: ClusterState, options: ViewOptions) => TableView;
}

const LISTINGS: Listing[] = [
  {
    name: 'agents',
    summary: 'List agents with their resources in use (used/total)',
    allHelp: 'include gone agents',
    call: pb.OperatorCall.Type.GET_AGENTS,
    view: agentsView,
  },
  {
    name: 'frameworks',
    summary: 'List frameworks with their allocation and dominant share',
    allHelp: 'include completed frameworks',
    call: pb.OperatorCall.Type.GET_FRAMEWORKS,
    view: frameworksView,
  },
  {
    name: 'tasks',
    summary: 'List running tasks',
    allHelp: 'include completed tasks',
    call: pb.OperatorCall.Type.GET_TASKS,
    view: tasksView,
  },
];

/** The `--master` option every operator verb takes. */
export const MASTER_OPTION_HELP = 'master address HOST:PORT (default: $MESETA_MASTER, else 127.0.0.1:5050)';

/** The decoded answer as Mesos-style JSON text. */
export function responseJson(response: v1.IOperatorResponse): string {
  const object = pb.OperatorResponse.toObject(pb.OperatorResponse.fromObject(response), JSON_OPTIONS);
  return JSON.stringify(object, null, 2);
}

/** Register `agents`, `frameworks`, `tasks` and `state` on `program`. */
export function registerStateCommands(program: Command): void {
  for (const listing of LISTINGS) {
    program
      .command(listing.name)
      .summary(listing.summary)
      .description(`${listing.summary}. --json prints the master's answer to ${pb.OperatorCall.Type[listing.call]} as JSON.`)
      .option('--master <host:port>', MASTER_OPTION_HELP)
      .option('--json', 'print JSON instead of a table')
      .option('--all', listing.allHelp)
      .action(async (flags: ListingFlags) => {
        const master = masterFlag('--master', flags.master);
        if (flags.json) {
          process.stdout.write(responseJson(await queryMaster(master, listing.call)) + '\n');
          return;
        }
        const response = await queryMaster(master, pb.OperatorCall.Type.GET_STATE);
        const view = listing.view(response.state ?? {}, { all: flags.all });
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
      const master = masterFlag('--master', flags.master);
      const response = await queryMaster(master, pb.OperatorCall.Type.GET_STATE);
      const state = pb.ClusterState.toObject(pb.ClusterState.fromObject(response.state ?? {}), JSON_OPTIONS);
      process.stdout.write(JSON.stringify(state, null, 2) + '\n');
    });
}
