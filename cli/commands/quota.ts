/**
 * `meseta quota [--json]`: every role's quota (guarantees, limits, what it
 * holds), through the gRPC Operator API's GET_QUOTA.
 * `meseta quota set <role> [--guarantee cpus=2,mem=1024] [--limit cpus=4]`
 * and `meseta quota remove <role>`: UPDATE_QUOTA; the master answers once
 * the quota is in its registry and in force.
 */
import type { Command } from 'commander';
import { pb } from '@meseta/proto/wire';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { jsonText } from './state';
import { formatNumber, formatTable } from '../table';
import { parseQuantities } from '../../master/quota-input';
import { checkQuota } from '../../master/allocator/quota';

const T = pb.OperatorCall.Type;

interface QuotaFlags {
  master?: string;
  json?: boolean;
  guarantee?: string;
  limit?: string;
  force?: boolean;
}

/** One role's quota as the CLI shows it. */
export interface QuotaRow {
  role: string;
  guarantees: Record<string, number>;
  limits: Record<string, number>;
  consumed: Record<string, number>;
}

function amountsText(amounts: Record<string, number>): string {
  const entries = Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '-' : entries.map(([name, value]) => `${name}:${formatNumber(value)}`).join(';');
}

/** Quotas as a table: ROLE, GUARANTEE, LIMIT, CONSUMED. */
export function quotaTable(rows: readonly QuotaRow[]): string {
  return formatTable([{ header: 'ROLE' }, { header: 'GUARANTEE' }, { header: 'LIMIT' }, { header: 'CONSUMED' }], rows.map((r) => [r.role, amountsText(r.guarantees), amountsText(r.limits), amountsText(r.consumed)])) + '\n';
}

function rowsOf(answer: { quotas?: Array<{ role?: string | null; guarantees?: Record<string, number> | null; limits?: Record<string, number> | null; consumed?: Record<string, number> | null }> | null }): QuotaRow[] {
  return (answer.quotas ?? []).map((q) => ({ role: q.role ?? '', guarantees: { ...(q.guarantees ?? {}) }, limits: { ...(q.limits ?? {}) }, consumed: { ...(q.consumed ?? {}) } }));
}

function quantitiesFlag(text: string | undefined, flag: string): Record<string, number> {
  if (text === undefined) return {};
  try {
    return parseQuantities(text, flag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Register `quota` on `program`. */
export function registerQuotaCommand(program: Command): void {
  program
    .command('quota')
    .summary('Show role quotas, or set them: meseta quota set <role> --guarantee cpus=2 --limit cpus=4')
    .description(
      'Without arguments: every role\'s quota (Mesos 1.9 semantics: a guarantee is offered to the role first and held back from other roles while unmet; a limit is never exceeded) and what the role holds. ' +
        '`meseta quota set <role> [--guarantee name=amount,...] [--limit name=amount,...] [--force]` replaces the role\'s quota (a guarantee raised past what the cluster has, all roles together, is refused unless --force, as Mesos); `meseta quota remove <role>` removes it. Quotas are kept in the registry. ' +
        'Setting needs the operator credential and, with ACLs, update_quotas on the role.',
    )
    .argument('[action]', 'set or remove')
    .argument('[role]', 'the role')
    .option('--guarantee <name=amount,...>', 'guaranteed amounts (e.g. cpus=2,mem=1024)')
    .option('--limit <name=amount,...>', 'limits (e.g. cpus=4,mem=4096)')
    .option('--force', 'set guarantees even when all roles\' guarantees would exceed what the cluster has (refused otherwise, naming each resource with asked and available)')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (action: string | undefined, role: string | undefined, flags: QuotaFlags) => {
      if (action === undefined) {
        if (flags.guarantee !== undefined || flags.limit !== undefined || flags.force) throw new UsageError('quota: --guarantee, --limit and --force go with meseta quota set <role>');
        const master = masterFlag('--master', flags.master);
        const rows = rowsOf(await actOnMaster(master, { type: T.GET_QUOTA }));
        process.stdout.write(flags.json ? jsonText({ quotas: rows }) : quotaTable(rows));
        return;
      }
      if (action !== 'set' && action !== 'remove') throw new UsageError(`quota: unknown action '${action}' (meseta quota, meseta quota set <role> ..., meseta quota remove <role>)`);
      if (!role) throw new UsageError(`quota ${action}: give the role (e.g. meseta quota ${action} web${action === 'set' ? ' --guarantee cpus=2' : ''})`);
      let guarantees: Record<string, number> = {};
      let limits: Record<string, number> = {};
      if (action === 'set') {
        guarantees = quantitiesFlag(flags.guarantee, '--guarantee');
        limits = quantitiesFlag(flags.limit, '--limit');
        if (Object.keys(guarantees).length === 0 && Object.keys(limits).length === 0) throw new UsageError('quota set: give --guarantee and/or --limit (to remove a quota: meseta quota remove <role>)');
        try {
          checkQuota(role, { guarantees: new Map(Object.entries(guarantees)), limits: new Map(Object.entries(limits)) });
        } catch (e) {
          throw new UsageError(`quota set: ${(e as Error).message}`);
        }
      } else if (flags.guarantee !== undefined || flags.limit !== undefined) throw new UsageError('quota remove: takes no --guarantee or --limit');
      const master = masterFlag('--master', flags.master);
      await actOnMaster(master, { type: T.UPDATE_QUOTA, update_quota: { quotas: [{ role, guarantees, limits }], ...(flags.force ? { force: true } : {}) } });
      const row: QuotaRow = { role, guarantees, limits, consumed: {} };
      if (flags.json) process.stdout.write(jsonText(action === 'set' ? { role, guarantees, limits } : { role, removed: true }));
      else process.stdout.write(action === 'set' ? `role ${role}: guarantee ${amountsText(row.guarantees)}, limit ${amountsText(row.limits)}\n` : `role ${role}: quota removed\n`);
    });
}
