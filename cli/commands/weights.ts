/**
 * `meseta weights [--json]`: every role's weight (those set, and 1 for the
 * other roles of the master's /state), through the gRPC Operator API's
 * GET_WEIGHTS. `meseta weights set <role=weight>...`: UPDATE_WEIGHTS; the
 * master answers once the weights are in its registry and in force.
 */
import type { Command } from 'commander';
import { pb } from '@meseta/proto/wire';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { jsonText } from './state';
import { formatNumber, formatTable } from '../table';
import { parseWeightItems, type RoleWeight } from '../../master/weight-input';

const T = pb.OperatorCall.Type;

interface WeightsFlags {
  master?: string;
  json?: boolean;
}

/** Weights as a table: ROLE, WEIGHT, sorted by role. */
export function weightsTable(weights: readonly RoleWeight[]): string {
  const rows = [...weights].sort((a, b) => a.role.localeCompare(b.role)).map((w) => [w.role, formatNumber(w.weight)]);
  return formatTable([{ header: 'ROLE' }, { header: 'WEIGHT', align: 'right' }], rows) + '\n';
}

function weightsOf(answer: { weights?: Array<{ role?: string | null; weight?: number | null }> | null }): RoleWeight[] {
  return (answer.weights ?? []).map((w) => ({ role: w.role ?? '', weight: w.weight ?? 1 }));
}

/** Register `weights` on `program`. */
export function registerWeightsCommand(program: Command): void {
  program
    .command('weights')
    .summary('Show role weights, or set them: meseta weights set <role=weight>...')
    .description(
      'Without arguments: every role\'s weight (DRF divides a role\'s dominant share by it; 1 unless set). ' +
        '`meseta weights set web=2 batch=0.5` sets weights (others keep theirs); they are kept in the registry and survive restarts and failovers. ' +
        'Setting needs the operator credential and, with ACLs, update_weights on each role.',
    )
    .argument('[action]', 'set')
    .argument('[weights...]', 'role=weight, each weight a number above 0')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (action: string | undefined, items: string[], flags: WeightsFlags) => {
      if (action !== undefined && action !== 'set') throw new UsageError(`weights: unknown action '${action}' (meseta weights, or meseta weights set <role=weight>...)`);
      if (action === undefined) {
        const master = masterFlag('--master', flags.master);
        const weights = weightsOf(await actOnMaster(master, { type: T.GET_WEIGHTS }));
        process.stdout.write(flags.json ? jsonText({ weights }) : weightsTable(weights));
        return;
      }
      if (items.length === 0) throw new UsageError('weights set: give at least one role=weight (e.g. meseta weights set web=2)');
      let weights: RoleWeight[];
      try {
        weights = parseWeightItems(items, 'weights set');
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const master = masterFlag('--master', flags.master);
      const set = weightsOf(await actOnMaster(master, { type: T.UPDATE_WEIGHTS, update_weights: { weights } }));
      process.stdout.write(flags.json ? jsonText({ weights: set }) : set.map((w) => `role ${w.role}: weight ${formatNumber(w.weight)}\n`).join(''));
    });
}
