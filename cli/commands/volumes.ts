/**
 * `meseta volumes [--agent ID] [--json]`: the persistent volumes of the
 * cluster's agents (GET_AGENTS of the gRPC Operator API).
 * `meseta volumes create <agent> --role R --id ID --size MB --path P [--mode RW|RO] [--principal P]`
 * and `meseta volumes destroy <agent> --role R --id ID`: CREATE_VOLUMES /
 * DESTROY_VOLUMES; the master answers once the change is in its registry.
 * Offers holding the disk are rescinded first.
 */
import type { Command } from 'commander';
import { pb, type Resource } from '@meseta/proto/wire';
import { DYNAMIC_RESERVATION } from '@meseta/proto/reservations';
import { containerPathProblem, persistenceIdProblem, VOLUME_RO, VOLUME_RW } from '@meseta/proto/volumes';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { UsageError } from '../cli-error';
import { actOnMaster } from '../operator-action';
import { jsonText } from './state';
import { formatNumber, formatTable } from '../table';

const T = pb.OperatorCall.Type;

interface VolumesFlags {
  master?: string;
  json?: boolean;
  agent?: string;
  role?: string;
  id?: string;
  size?: string;
  path?: string;
  mode?: string;
  principal?: string;
  static?: boolean;
}

/** One volume as `meseta volumes` lists it (the `/state` agent entry's `volumes`, with its agent). */
export interface VolumeRow {
  agent_id: string;
  persistence_id: string;
  role: string;
  principal?: string;
  container_path: string;
  mode: string;
  disk_mb: number;
  used_by_task_ids?: string[];
}

/**
 * The volume a `create` or `destroy` names, from the flags (pure; throws a
 * UsageError naming the flag). The reservation is DYNAMIC unless `--static`
 * (a volume on the agent's statically reserved disk).
 */
export function volumeRequest(verb: 'create' | 'destroy', flags: VolumesFlags): Resource {
  const at = `volumes ${verb}`;
  if (!flags.role) throw new UsageError(`${at}: --role is required (the role whose reserved disk holds the volume)`);
  if (flags.role === '*') throw new UsageError(`${at}: --role: "*" has no reserved disk; name a role (e.g. --role db)`);
  const idProblem = persistenceIdProblem(flags.id);
  if (idProblem) throw new UsageError(`${at}: --id: ${idProblem}`);
  const reservation = { type: flags.static ? 1 : DYNAMIC_RESERVATION, role: flags.role, ...(flags.principal && flags.static !== true ? { principal: flags.principal } : {}) };
  const persistence = { id: flags.id!, ...(flags.principal ? { principal: flags.principal } : {}) };
  if (verb === 'destroy') return { name: 'disk', type: pb.Value.Type.SCALAR, reservations: [reservation], disk: { persistence } };
  const size = Number(flags.size);
  if (flags.size === undefined || !Number.isFinite(size) || size <= 0) throw new UsageError(`${at}: --size: the volume's size in MB, a number above 0, got ${flags.size === undefined ? 'none' : `'${flags.size}'`}`);
  const pathProblem = containerPathProblem(flags.path);
  if (pathProblem) throw new UsageError(`${at}: --path: ${pathProblem}`);
  const mode = (flags.mode ?? 'RW').toUpperCase();
  if (mode !== 'RW' && mode !== 'RO') throw new UsageError(`${at}: --mode: RW or RO, got '${flags.mode}'`);
  return {
    name: 'disk',
    type: pb.Value.Type.SCALAR,
    scalar: { value: size },
    reservations: [reservation],
    disk: { persistence, volume: { container_path: flags.path!, mode: mode === 'RO' ? VOLUME_RO : VOLUME_RW } },
  };
}

/** Volumes as a table: AGENT, ROLE, ID, SIZE (MB), PATH, MODE, PRINCIPAL, USED BY. */
export function volumesTable(rows: readonly VolumeRow[]): string {
  const sorted = [...rows].sort((a, b) => a.agent_id.localeCompare(b.agent_id) || a.role.localeCompare(b.role) || a.persistence_id.localeCompare(b.persistence_id));
  return (
    formatTable(
      [{ header: 'AGENT' }, { header: 'ROLE' }, { header: 'ID' }, { header: 'SIZE (MB)', align: 'right' }, { header: 'PATH' }, { header: 'MODE' }, { header: 'PRINCIPAL' }, { header: 'USED BY' }],
      sorted.map((v) => [v.agent_id, v.role, v.persistence_id, formatNumber(v.disk_mb), v.container_path, v.mode, v.principal ?? '', (v.used_by_task_ids ?? []).join(',')]),
    ) + '\n'
  );
}

/** The rows of a GET_AGENTS answer, of one agent when `agentId` is set. */
export function volumeRows(agents: ReadonlyArray<{ agent_info?: { id?: { value?: string | null } | null } | null; volumes?: ReadonlyArray<Record<string, unknown>> | null }>, agentId?: string): VolumeRow[] {
  const out: VolumeRow[] = [];
  for (const a of agents) {
    const id = a.agent_info?.id?.value ?? '';
    if (agentId && id !== agentId) continue;
    for (const v of a.volumes ?? []) {
      const row: VolumeRow = {
        agent_id: id,
        persistence_id: String(v.persistence_id ?? ''),
        role: String(v.role ?? ''),
        container_path: String(v.container_path ?? ''),
        mode: String(v.mode ?? 'RW'),
        disk_mb: Number(v.disk_mb ?? 0),
      };
      if (v.principal) row.principal = String(v.principal);
      const users = v.used_by_task_ids as string[] | undefined;
      if (users && users.length > 0) row.used_by_task_ids = [...users];
      out.push(row);
    }
  }
  return out;
}

/** Register `volumes` on `program`. */
export function registerVolumesCommand(program: Command): void {
  program
    .command('volumes')
    .summary('List persistent volumes, or create / destroy one: meseta volumes [create|destroy] ...')
    .description(
      'Without an action: every agent\'s persistent volumes (role, id, size, container path, mode, who made it, which live tasks use it). ' +
        '`meseta volumes create <agent> --role db --id pg-data --size 1024 --path data` makes a volume of disk reserved for the role (reserve it first: meseta reserve <agent> disk:1024 --role db); ' +
        '`meseta volumes destroy <agent> --role db --id pg-data` removes it and its data (the disk stays reserved). ' +
        'Volumes are kept in the registry. Creating and destroying need the operator credential and, with ACLs, create_volumes on the role / destroy_volumes on the creator principal.',
    )
    .argument('[action]', 'create or destroy')
    .argument('[agent]', 'the agent id (meseta agents)')
    .option('--agent <id>', 'list only this agent\'s volumes')
    .option('--role <role>', 'the role whose reserved disk holds the volume')
    .option('--id <id>', 'the persistence id (unique per agent and role; names the volume\'s directory)')
    .option('--size <mb>', 'create: the size in MB')
    .option('--path <path>', 'create: where tasks see it (relative: under the sandbox)')
    .option('--mode <RW|RO>', 'create: RW (default) or RO')
    .option('--principal <principal>', 'the principal the volume and its reservation name (with authentication: yours)')
    .option('--static', 'the disk is statically reserved by the agent\'s --resources (not by meseta reserve)')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (action: string | undefined, agentId: string | undefined, flags: VolumesFlags) => {
      if (action !== undefined && action !== 'create' && action !== 'destroy') {
        throw new UsageError(`volumes: unknown action '${action}' (meseta volumes, meseta volumes create <agent> ..., meseta volumes destroy <agent> ...)`);
      }
      if (action === undefined) {
        const master = masterFlag('--master', flags.master);
        const answer = await actOnMaster(master, { type: T.GET_AGENTS });
        const rows = volumeRows((answer.state?.agents ?? []) as Parameters<typeof volumeRows>[0], flags.agent);
        process.stdout.write(flags.json ? jsonText({ volumes: rows }) : volumesTable(rows));
        return;
      }
      if (!agentId) throw new UsageError(`volumes ${action}: <agent> is required (meseta agents lists them)`);
      const volume = volumeRequest(action, flags);
      const master = masterFlag('--master', flags.master);
      const body = { agent_id: { value: agentId }, volumes: [volume] };
      const answer = await actOnMaster(master, action === 'create' ? { type: T.CREATE_VOLUMES, create_volumes: body } : { type: T.DESTROY_VOLUMES, destroy_volumes: body });
      const now = ((answer.resources ?? []) as Resource[]).filter((r) => r.disk?.persistence);
      if (flags.json) {
        process.stdout.write(jsonText({ agent_id: agentId, volumes: now }));
        return;
      }
      process.stdout.write(`${action === 'create' ? 'created' : 'destroyed'} volume ${flags.id} (role ${flags.role}) on agent ${agentId}; the agent now has ${now.length} volume${now.length === 1 ? '' : 's'}\n`);
    });
}
