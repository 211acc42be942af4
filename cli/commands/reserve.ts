/**
 * `meseta reserve <agent> <resources> --role R [--principal P] [--label k=v]...`
 * and `meseta unreserve <agent> <resources> --role R [--principal P] [--label k=v]...`:
 * dynamic reservations by the operator, through the gRPC Operator API's
 * RESERVE_RESOURCES / UNRESERVE_RESOURCES. The master answers once the
 * change is in its registry; offers holding the resources are rescinded first.
 */
import type { Command } from 'commander';
import { pb, type Resource } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { formatRanges, reservationRole } from '@meseta/proto/resources';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { jsonText } from './state';
import { formatTable } from '../table';

const T = pb.OperatorCall.Type;

interface ReserveFlags {
  master?: string;
  json?: boolean;
  role?: string;
  principal?: string;
  label?: string[];
  /** `--refine` (true: the nearest reserved ancestor role) or `--refine <role>`. */
  refine?: boolean | string;
}

/** The agent's resources the CLI reads to refine (GET_AGENTS' `total_resources`). */
export type AgentTotal = readonly Resource[];

function stackText(stack: NonNullable<Resource['reservations']>): string {
  return stack
    .map((e) => {
      const labels = (e.labels?.labels ?? []).map((l) => `${l.key}=${l.value ?? ''}`).join(',');
      return `${e.role ?? ''}${e.principal ? ` by ${e.principal}` : ''}${labels ? ` [${labels}]` : ''}`;
    })
    .join(' > ');
}

/** Same reservation entry (type, role, principal, labels). */
function sameEntry(a: NonNullable<Resource['reservations']>[number], b: NonNullable<Resource['reservations']>[number]): boolean {
  const labels = (x: typeof a): string => JSON.stringify((x.labels?.labels ?? []).map((l) => [l.key, l.value ?? '']));
  return (a.type ?? 0) === (b.type ?? 0) && (a.role ?? '') === (b.role ?? '') && (a.principal ?? '') === (b.principal ?? '') && labels(a) === labels(b);
}

/**
 * A refinement (Mesos's reservation stack, for hierarchical roles): each
 * resource of `request` (as {@link reservationRequest} made it, the new
 * reservation last) takes as its stack the one it holds on the agent now,
 * found in `total`: for `reserve`, the stack of the resources of that name
 * reserved for the nearest role above `--role` (or exactly `parent` when
 * given); for `unreserve`, the stack whose last entry is the one named by
 * the flags. Pure; throws UsageError naming `--refine` when there is no
 * such stack, or more than one to choose from.
 */
export function refinedRequest(verb: 'reserve' | 'unreserve', request: readonly Resource[], total: AgentTotal, parent?: string): Resource[] {
  return request.map((r) => {
    const stack = r.reservations ?? [];
    const wanted = stack[stack.length - 1];
    const role = wanted?.role ?? '';
    const held = total.filter((t) => t.name === r.name && (t.reservations?.length ?? 0) > 0);
    let candidates: Array<NonNullable<Resource['reservations']>>;
    if (verb === 'reserve') {
      const above = (x: string): boolean => (parent !== undefined ? x === parent : x !== role && role.startsWith(`${x}/`));
      const stacks = held.map((t) => t.reservations!).filter((s) => above(s[s.length - 1].role ?? ''));
      // The nearest role above: the longest name.
      const depth = Math.max(-1, ...stacks.map((s) => (s[s.length - 1].role ?? '').length));
      candidates = stacks.filter((s) => (s[s.length - 1].role ?? '').length === depth);
    } else {
      candidates = held.map((t) => t.reservations!).filter((s) => s.length > 1 && sameEntry(s[s.length - 1], wanted));
    }
    const distinct = candidates.filter((s, i) => candidates.findIndex((o) => o.length === s.length && o.every((e, k) => sameEntry(e, s[k]))) === i);
    const what = verb === 'reserve' ? `reserved for ${parent !== undefined ? `role "${parent}"` : `a role above "${role}"`}` : `with a refined reservation for "${role}" as named`;
    if (distinct.length === 0) {
      const there = held.map((t) => stackText(t.reservations!)).filter((s, i, all) => all.indexOf(s) === i);
      throw new UsageError(`${verb}: --refine: the agent holds no ${r.name} ${what}${there.length > 0 ? ` (its ${r.name} reservations: ${there.join('; ')})` : ''}`);
    }
    if (distinct.length > 1) {
      throw new UsageError(`${verb}: --refine: the agent's ${r.name} ${what} is held in ${distinct.length} reservations (${distinct.map(stackText).join('; ')}); name the one to refine with --refine <role> and its --principal / --label`);
    }
    const base = distinct[0];
    return { ...r, reservations: verb === 'reserve' ? [...base.map((e) => ({ ...e })), wanted] : base.map((e) => ({ ...e })) };
  });
}

/** The resources of `text` with the reservation of the flags pushed on each (pure; throws UsageError naming the flag). */
export function reservationRequest(verb: string, text: string, flags: Pick<ReserveFlags, 'role' | 'principal' | 'label'>): Resource[] {
  if (!flags.role) throw new UsageError(`${verb}: --role is required (the role the resources are reserved for)`);
  if (flags.role === '*') throw new UsageError(`${verb}: --role: "*" is no role to reserve for; name a role (e.g. --role eng)`);
  const labels = (flags.label ?? []).map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${verb}: --label: "${item}" is not key=value (e.g. --label app=db)`);
    return { key: item.slice(0, eq), value: item.slice(eq + 1) };
  });
  let resources: Resource[];
  try {
    resources = parseResources(text);
  } catch (e) {
    throw new UsageError(`${verb}: <resources>: ${(e as Error).message} (e.g. 'cpus:2;mem:1024')`);
  }
  if (resources.length === 0) throw new UsageError(`${verb}: <resources>: nothing to reserve in '${text}' (e.g. 'cpus:2;mem:1024')`);
  const reservation = { type: DYNAMIC_RESERVATION, role: flags.role, ...(flags.principal ? { principal: flags.principal } : {}), ...(labels.length > 0 ? { labels: { labels } } : {}) };
  return resources.map((r) => ({ ...r, reservations: [...(r.reservations ?? []), reservation] }));
}

function amount(r: Resource): string {
  if (r.ranges) return formatRanges(r.ranges.range ?? []);
  if (r.set) return `{${(r.set.item ?? []).join(',')}}`;
  return String(r.scalar?.value ?? 0);
}

/** Reserved resources as a table: NAME, AMOUNT, ROLE, PRINCIPAL, LABELS. */
export function reservationsTable(resources: readonly Resource[]): string {
  const rows = resources.map((r) => {
    const top = r.reservations?.[r.reservations.length - 1];
    const labels = (top?.labels?.labels ?? []).map((l) => `${l.key}=${l.value ?? ''}`).join(',');
    return [r.name ?? '', amount(r), reservationRole(r), top?.principal ?? '', labels];
  });
  return formatTable([{ header: 'NAME' }, { header: 'AMOUNT', align: 'right' }, { header: 'ROLE' }, { header: 'PRINCIPAL' }, { header: 'LABELS' }], rows) + '\n';
}

function register(program: Command, verb: 'reserve' | 'unreserve'): void {
  const reserve = verb === 'reserve';
  program
    .command(verb)
    .summary(reserve ? 'Reserve an agent\'s resources for a role' : 'Give back resources reserved on an agent')
    .description(
      (reserve
        ? 'Reserve resources of an agent for a role (a dynamic reservation): they are offered only to frameworks of that role and the roles under it, and are kept in the registry across restarts and failovers. Offers holding them are rescinded first. '
        : 'Unreserve resources of an agent: name them as they are reserved (role, principal and labels must match). ') +
        `Example: meseta ${verb} <agent-id> 'cpus:2;mem:1024' --role eng --principal ops. ` +
        `Needs the operator credential and, with ACLs, ${reserve ? 'reserve_resources on the role' : 'unreserve_resources on the reservation\'s principal'}.`,
    )
    .argument('<agent>', 'the agent id (meseta agents)')
    .argument('<resources>', "resources, e.g. 'cpus:2;mem:1024;ports:[31000-31009]'")
    .option('--role <role>', 'the role the resources are reserved for')
    .option('--principal <principal>', 'the principal the reservation names (with authentication: yours)')
    .option('--label <key=value>', 'a label of the reservation (repeat for more)', (v: string, acc: string[] = []) => [...acc, v])
    .option(
      '--refine [parent-role]',
      reserve
        ? 'refine a reservation (hierarchical roles): take resources already reserved for the role above --role (e.g. eng for --role eng/backend; or the role given) and push the new reservation on their stack, as the agent holds it'
        : 'give back a refinement: pop the reservation named by --role/--principal/--label off the stack the agent holds it in',
    )
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (agentId: string, text: string, flags: ReserveFlags) => {
      let resources = reservationRequest(verb, text, flags);
      const master = masterFlag('--master', flags.master);
      if (flags.refine !== undefined && flags.refine !== false) {
        // The stacks as the agent holds them now (GET_AGENTS).
        const agents = (await actOnMaster(master, { type: T.GET_AGENTS })).state?.agents ?? [];
        const agent = agents.find((a) => a.agent_info?.id?.value === agentId);
        if (!agent) throw new UsageError(`${verb}: <agent>: agent ${agentId} is not registered with the master (meseta agents lists them)`);
        resources = refinedRequest(verb, resources, (agent.total_resources ?? []) as Resource[], typeof flags.refine === 'string' ? flags.refine : undefined);
      }
      const body = { agent_id: { value: agentId }, resources };
      const answer = await actOnMaster(master, reserve ? { type: T.RESERVE_RESOURCES, reserve_resources: body } : { type: T.UNRESERVE_RESOURCES, unreserve_resources: body });
      const result = (answer.resources ?? []) as Resource[];
      if (flags.json) {
        process.stdout.write(jsonText({ agent_id: agentId, resources: result }));
        return;
      }
      process.stdout.write(`${reserve ? 'reserved' : 'unreserved'} on agent ${agentId}:\n${reservationsTable(result)}`);
    });
}

/** Register `reserve` and `unreserve` on `program`. */
export function registerReserveCommands(program: Command): void {
  register(program, 'reserve');
  register(program, 'unreserve');
}
