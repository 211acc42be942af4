/**
 * Nested containers of the agent operator API: a command started inside a
 * running task's container (its namespaces, cgroup, user and sandbox) by
 * the task's containerizer, the same way as `meseta exec`'s debug sessions
 * (`Containerizer.exec`). Each is known by the ContainerID the caller
 * chose, whose `parent` is the task's container id.
 *
 * Output is handed to whoever is attached when it is written (the launching
 * session, ATTACH_CONTAINER_OUTPUT streams); output written while nobody is
 * attached is dropped: unlike Mesos, the agent does not keep a nested
 * container's output in files. Input goes to the process's stdin
 * (ATTACH_CONTAINER_INPUT). Ended containers are kept for WAIT until
 * REMOVE, at most {@link MAX_ENDED} of them (the oldest forgotten first).
 */
import type { CommandInfo } from '@meseta/proto/wire';
import { MesosHttpError } from '@meseta/proto/mesos-http';
import type { ExecExit, ExecSession } from './containerizer';
import { signalNumber } from './containerizer';
import type { ExecTarget } from './agent';
import { commandEnvironment } from './task-environment';

/** Ended containers kept for WAIT before the oldest is forgotten. */
export const MAX_ENDED = 100;

/** Where a chunk of output came from. */
export type OutputKind = 'stdout' | 'stderr';

/** A listener of a container's output. */
export type OutputListener = (kind: OutputKind, chunk: Buffer) => void;

/** One nested container. */
export interface NestedContainer {
  readonly id: string;
  readonly parent: string;
  readonly session: ExecSession;
  /** Resolves once the process ended and its output was read. */
  readonly exited: Promise<ExecExit>;
  /** Set once it ended. */
  exit?: ExecExit;
  readonly listeners: Set<OutputListener>;
}

/** The argv of a CommandInfo (shell by default, as Mesos). */
export function commandArgs(command: CommandInfo | null | undefined): string[] {
  if (!command) throw new MesosHttpError(400, 'command: required');
  const value = command.value ?? '';
  if (command.shell === false) {
    if (!value) throw new MesosHttpError(400, 'command.value: required (the program to run when command.shell is false)');
    return [value, ...(command.arguments ?? []).slice(1)];
  }
  if (!value) throw new MesosHttpError(400, 'command.value: required (the shell command)');
  return ['/bin/sh', '-c', value];
}

/** wait(2)'s status of an ended process: the exit code shifted by 8, or the signal number. */
export function waitStatus(exit: ExecExit): number {
  if (exit.signal) return signalNumber(exit.signal) ?? 9;
  return ((exit.exitCode ?? 0) & 0xff) << 8;
}

/** A ContainerID's value and its parent's value, checked. */
export function nestedIds(field: string, id: { value?: string | null; parent?: { value?: string | null; parent?: unknown } | null } | null | undefined): { id: string; parent: string } {
  const value = id?.value ?? '';
  if (!value) throw new MesosHttpError(400, `${field}.value: required`);
  if (!/^[A-Za-z0-9_.-]{1,255}$/.test(value) || value === '.' || value === '..') {
    throw new MesosHttpError(400, `${field}.value: '${value}' is not a valid container id (letters, digits, '_', '-', '.'; at most 255)`);
  }
  const parent = id?.parent?.value ?? '';
  if (!parent) throw new MesosHttpError(400, `${field}.parent: required: Meseta runs only nested containers, inside a running task's container`);
  if (id?.parent?.parent) throw new MesosHttpError(400, `${field}.parent: nested containers of nested containers are not supported`);
  return { id: value, parent };
}

/** The nested containers of one agent. */
export class NestedContainers {
  private readonly containers = new Map<string, NestedContainer>();
  private readonly ended: string[] = [];

  constructor(
    /** Where a command in the container of this parent id runs, or why it cannot. */
    private readonly targetOf: (parentContainerId: string) => ExecTarget,
  ) {}

  /**
   * Start `command` in the container `parent`. 404 for an unknown parent,
   * 409 when it does not run or its containerizer has no sessions, 409 for
   * an id in use, 400 for a bad command.
   */
  async launch(parent: string, id: string, command: CommandInfo | null | undefined, field: string): Promise<NestedContainer> {
    const args = commandArgs(command);
    if (this.containers.has(id)) throw new MesosHttpError(409, `${field}.value: container '${id}' already exists`);
    const target = this.targetOf(parent);
    if ('problem' in target) {
      throw new MesosHttpError(target.problem === 'not-found' ? 404 : 409, `${field}.parent: container '${parent}': ${target.message}`);
    }
    const session = await target.containerizer.exec!.call(target.containerizer, target.containerId, { args, env: commandEnvironment(command) });
    const listeners = new Set<OutputListener>();
    for (const kind of ['stdout', 'stderr'] as const) {
      // Always read, so a process nobody listens to is never blocked on a full pipe.
      session[kind].on('data', (chunk: Buffer) => {
        for (const l of listeners) l(kind, chunk);
      });
    }
    const container: NestedContainer = { id, parent, session, exited: session.exited, listeners };
    this.containers.set(id, container);
    void session.exited.then((exit) => {
      container.exit = exit;
      this.ended.push(id);
      while (this.ended.length > MAX_ENDED) this.containers.delete(this.ended.shift()!);
    });
    return container;
  }

  /** The container of this id, or 404 naming it. */
  get(id: string, field: string): NestedContainer {
    const c = this.containers.get(id);
    if (!c) throw new MesosHttpError(404, `${field}.value: container '${id}' not found`);
    return c;
  }

  /**
   * Signal a running container's process; 404 for an unknown one. With
   * SIGKILL its output pipes are closed too, so it counts as ended even
   * when processes it started (a shell's children) still hold them.
   */
  kill(id: string, signal: NodeJS.Signals, field: string): void {
    const c = this.get(id, field);
    if (c.exit) return;
    c.session.kill(signal);
    if (signal === 'SIGKILL') {
      c.session.stdout.destroy();
      c.session.stderr.destroy();
    }
  }

  /** Forget an ended container; 400 while it runs. An unknown id is no error (as Mesos). */
  remove(id: string, field: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    if (!c.exit) throw new MesosHttpError(400, `${field}.value: container '${id}' is still running; kill it and wait for it first`);
    this.containers.delete(id);
    const i = this.ended.indexOf(id);
    if (i >= 0) this.ended.splice(i, 1);
  }

  /** Kill every running one (the agent stops). */
  killAll(): void {
    for (const c of this.containers.values()) if (!c.exit) this.kill(c.id, 'SIGKILL', 'container_id');
  }
}
