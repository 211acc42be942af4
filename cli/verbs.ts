/**
 * The `meseta` verbs and where each is defined. Nothing here loads a verb's
 * module: {@link loadVerb} `require`s it when asked, so `meseta agents`
 * loads the listing verbs and their HTTP client, never the master, the
 * agent, gRPC or the protobuf code, and `meseta master` never loads `run`.
 */
import type { Command } from 'commander';
import { UsageError } from './cli-error';

/** Adds one module's verbs to the program. */
export type RegisterVerbs = (program: Command) => void;

/* eslint-disable @typescript-eslint/no-require-imports */
const MODULES = {
  master: () => (require('./commands/master') as typeof import('./commands/master')).registerMasterCommand,
  agent: () => (require('./commands/agent') as typeof import('./commands/agent')).registerAgentCommand,
  local: () => (require('./commands/local') as typeof import('./commands/local')).registerLocalCommand,
  state: () => (require('./commands/state') as typeof import('./commands/state')).registerStateCommands,
  run: () => (require('./commands/run') as typeof import('./commands/run')).registerRunCommand,
  exec: () => (require('./commands/exec') as typeof import('./commands/exec')).registerExecCommand,
  version: () => (require('./commands/version') as typeof import('./commands/version')).registerVersionCommand,
  certs: () => (require('./commands/certs') as typeof import('./commands/certs')).registerCertsCommand,
  dns: () => (require('./commands/dns') as typeof import('./commands/dns')).registerDnsCommand,
  logs: () => (require('./commands/logs') as typeof import('./commands/logs')).registerLogsCommand,
  operate: () => (require('./commands/operate') as typeof import('./commands/operate')).registerOperateCommands,
  weights: () => (require('./commands/weights') as typeof import('./commands/weights')).registerWeightsCommand,
  quota: () => (require('./commands/quota') as typeof import('./commands/quota')).registerQuotaCommand,
  reserve: () => (require('./commands/reserve') as typeof import('./commands/reserve')).registerReserveCommands,
  volumes: () => (require('./commands/volumes') as typeof import('./commands/volumes')).registerVolumesCommand,
  maintenance: () => (require('./commands/maintenance') as typeof import('./commands/maintenance')).registerMaintenanceCommand,
} satisfies Record<string, () => RegisterVerbs>;
/* eslint-enable @typescript-eslint/no-require-imports */

type ModuleName = keyof typeof MODULES;

/** Every verb, in the order `meseta --help` lists them, with the module that defines it. */
export const VERBS: ReadonlyArray<{ verb: string; module: ModuleName }> = [
  { verb: 'master', module: 'master' },
  { verb: 'agent', module: 'agent' },
  { verb: 'local', module: 'local' },
  { verb: 'agents', module: 'state' },
  { verb: 'frameworks', module: 'state' },
  { verb: 'tasks', module: 'state' },
  { verb: 'state', module: 'state' },
  { verb: 'run', module: 'run' },
  { verb: 'exec', module: 'exec' },
  { verb: 'logs', module: 'logs' },
  { verb: 'drain', module: 'operate' },
  { verb: 'deactivate', module: 'operate' },
  { verb: 'reactivate', module: 'operate' },
  { verb: 'kill', module: 'operate' },
  { verb: 'teardown', module: 'operate' },
  { verb: 'weights', module: 'weights' },
  { verb: 'quota', module: 'quota' },
  { verb: 'reserve', module: 'reserve' },
  { verb: 'unreserve', module: 'reserve' },
  { verb: 'volumes', module: 'volumes' },
  { verb: 'maintenance', module: 'maintenance' },
  { verb: 'version', module: 'version' },
  { verb: 'certs', module: 'certs' },
  { verb: 'dns', module: 'dns' },
];

/** The verbs' names, in help order. */
export const VERB_NAMES: readonly string[] = VERBS.map((v) => v.verb);

/** The modules to load, each once, for these verbs (all verbs when none are named). */
export function modulesFor(verbs: readonly string[] = VERB_NAMES): ModuleName[] {
  const out: ModuleName[] = [];
  for (const { verb, module } of VERBS) if (verbs.includes(verb) && !out.includes(module)) out.push(module);
  return out;
}

/** Load a module and hand back its registration. */
export function loadVerb(module: ModuleName): RegisterVerbs {
  return MODULES[module]();
}

/**
 * What the command line asks for: the verb named first, or `undefined` when
 * the whole program is needed (no verb, `--help`, `--version`, `help`).
 * Throws a {@link UsageError} naming an unknown verb and listing the verbs.
 */
export function verbOf(args: readonly string[]): string | undefined {
  const first = args[0];
  if (first === undefined || first.startsWith('-') || first === 'help') return undefined;
  if (VERB_NAMES.includes(first)) return first;
  throw new UsageError(`unknown command '${first}'; the verbs are ${VERB_NAMES.join(', ')} (meseta --help for usage)`);
}
