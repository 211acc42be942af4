/**
 * The agent's persistent volumes on disk (layout in `volume-paths.ts`): the
 * directory of every volume the master names (`MasterToAgent.volumes`) or a
 * launching task carries is made when missing; a directory is removed only
 * when the master names its volume in `destroyed`, and not while a task
 * uses it (that removal waits, logged, until the last such task has ended).
 *
 * Operations run one at a time in arrival order, so a CREATE followed by a
 * DESTROY of the same volume never interleave.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import type { Resource } from '@meseta/proto/wire';
import { isVolumeResource, VOLUMES_FOLDER, volumeDir, volumeKeyText, type VolumeKey, type VolumeSpec, volumeSpecOf } from './volume-paths';

/** A volume as `/state` lists it. */
export interface HeldVolume {
  role: string;
  persistenceId: string;
  principal?: string;
  /** Size in MB, when the master or a task has said (unknown for a directory found on disk only). */
  sizeMb?: number;
  /** Absolute directory. */
  path: string;
  /** Who last told the agent about it: the master's volume list, a task launched with it, or only its directory found at start. */
  source: 'master' | 'task' | 'disk';
  /** Its removal was asked while tasks used it; done when they end. */
  destroyPending?: boolean;
}

/** What the store needs from the agent. */
export interface VolumeStoreOptions {
  workDir: string;
  logger: Logger;
  /** The tasks (ids) still running with this volume; empty when none. */
  usersOf(key: VolumeKey): string[];
}

/** The agent's volume directories. */
export class VolumeStore {
  private readonly held = new Map<string, HeldVolume>();
  private readonly pendingDestroy = new Map<string, VolumeKey>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: VolumeStoreOptions) {}

  /** Root of every volume: `<workDir>/volumes`. */
  get root(): string {
    return path.join(this.options.workDir, VOLUMES_FOLDER);
  }

  /** Learn the volume directories an earlier run left (listed as `disk` until the master names them). */
  async scan(): Promise<void> {
    const rolesDir = path.join(this.root, 'roles');
    let roles: fs.Dirent[];
    try {
      roles = await fs.promises.readdir(rolesDir, { withFileTypes: true });
    } catch {
      return; // none yet
    }
    for (const roleEntry of roles) {
      if (!roleEntry.isDirectory()) continue;
      const role = roleEntry.name.split(' ').join('/');
      let ids: fs.Dirent[];
      try {
        ids = await fs.promises.readdir(path.join(rolesDir, roleEntry.name), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const idEntry of ids) {
        if (!idEntry.isDirectory()) continue;
        const key = { role, id: idEntry.name };
        if (!this.held.has(volumeKeyText(key))) this.held.set(volumeKeyText(key), { role, persistenceId: key.id, path: volumeDir(this.options.workDir, key), source: 'disk' });
      }
    }
  }

  /**
   * Note a volume a recovered task carries (its directory is on disk
   * already): `/state` then shows its size and principal before the
   * master's list arrives. No I/O.
   */
  remember(spec: VolumeSpec): void {
    const key = volumeKeyText(spec);
    const previous = this.held.get(key);
    if (previous?.source === 'master') return;
    const entry: HeldVolume = { role: spec.role, persistenceId: spec.id, sizeMb: spec.sizeMb, path: volumeDir(this.options.workDir, spec), source: 'task' };
    if (spec.principal) entry.principal = spec.principal;
    this.held.set(key, entry);
  }

  /** The volumes the agent holds, for `/state`. */
  list(): HeldVolume[] {
    return [...this.held.values()].map((v) => ({ ...v, ...(this.pendingDestroy.has(volumeKeyText({ role: v.role, id: v.persistenceId })) ? { destroyPending: true } : {}) }));
  }

  /**
   * The master's `volumes` message: make every listed volume's directory,
   * remove every destroyed one not in use. A malformed entry is logged
   * naming its field and skipped; the rest still apply.
   */
  apply(message: { volumes?: Resource[] | null; destroyed?: Resource[] | null }): Promise<void> {
    return this.serial(async () => {
      const listed = new Set<string>();
      for (const [i, resource] of (message.volumes ?? []).entries()) {
        const spec = this.specOf(resource, `volumes.volumes[${i}]`);
        if (!spec) continue;
        listed.add(volumeKeyText(spec));
        await this.create(spec, 'master').catch((e) => this.options.logger.error('could not make a persistent volume\'s directory', { role: spec.role, persistence_id: spec.id, error: e as Error }));
      }
      for (const [i, resource] of (message.destroyed ?? []).entries()) {
        const spec = this.specOf(resource, `volumes.destroyed[${i}]`);
        if (!spec) continue;
        if (listed.has(volumeKeyText(spec))) {
          this.options.logger.warn('a volume both listed and destroyed in one message is kept', { role: spec.role, persistence_id: spec.id });
          continue;
        }
        await this.destroy(spec);
      }
    });
  }

  /**
   * Make sure a launching task's volume exists (the master's message may
   * not have come yet); a new directory is given to the task's user.
   * Rejects with a message naming the volume when it cannot be made.
   */
  ensure(spec: VolumeSpec, owner?: { uid: number; gid: number }): Promise<string> {
    return this.serial(async () => {
      if (this.pendingDestroy.has(volumeKeyText(spec))) {
        throw new Error(`persistent volume "${spec.id}" of role "${spec.role}" was destroyed; its directory is removed once its last task ends`);
      }
      const dir = await this.create(spec, 'task');
      if (owner) await chownIfFresh(dir, owner);
      return dir;
    });
  }

  /** A task ended: removals that waited for it are tried again. */
  retryPending(): Promise<void> {
    if (this.pendingDestroy.size === 0) return Promise.resolve();
    return this.serial(async () => {
      for (const key of [...this.pendingDestroy.values()]) await this.destroy(key);
    });
  }

  /** Resolves once every operation queued so far is done. */
  idle(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  private specOf(resource: Resource, field: string): VolumeSpec | undefined {
    if (!isVolumeResource(resource)) {
      this.options.logger.warn('volumes message: entry skipped', { problem: `${field}: not a persistent volume (disk with disk.persistence)` });
      return undefined;
    }
    const spec = volumeSpecOf(resource, field);
    if ('problem' in spec) {
      this.options.logger.warn('volumes message: entry skipped', { problem: spec.problem });
      return undefined;
    }
    return spec;
  }

  private async create(spec: VolumeSpec, source: 'master' | 'task'): Promise<string> {
    const dir = volumeDir(this.options.workDir, spec);
    await assertNoLinks(this.options.workDir, dir);
    let made = false;
    try {
      await fs.promises.mkdir(dir, { recursive: false, mode: 0o755 });
      made = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        await fs.promises.mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
        await fs.promises.mkdir(dir, { mode: 0o755 }).then(() => { made = true; }, (again) => { if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again; });
      } else if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw e;
      }
    }
    const stats = await fs.promises.lstat(dir);
    if (!stats.isDirectory()) throw new Error(`${dir} exists and is not a directory`);
    if (made) this.options.logger.info('persistent volume created', { role: spec.role, persistence_id: spec.id, path: dir, size_mb: spec.sizeMb });
    const key = volumeKeyText(spec);
    const previous = this.held.get(key);
    const entry: HeldVolume = { role: spec.role, persistenceId: spec.id, sizeMb: spec.sizeMb, path: dir, source: previous?.source === 'master' ? 'master' : source };
    if (spec.principal) entry.principal = spec.principal;
    this.held.set(key, entry);
    return dir;
  }

  private async destroy(key: VolumeKey): Promise<void> {
    const text = volumeKeyText(key);
    const users = this.options.usersOf(key);
    if (users.length > 0) {
      if (!this.pendingDestroy.has(text)) {
        this.options.logger.warn('persistent volume not removed yet: tasks still use it', { role: key.role, persistence_id: key.id, tasks: users.join(',') });
      }
      this.pendingDestroy.set(text, key);
      return;
    }
    this.pendingDestroy.delete(text);
    const dir = volumeDir(this.options.workDir, key);
    try {
      await assertNoLinks(this.options.workDir, dir);
      await fs.promises.rm(dir, { recursive: true, force: true }); // unlinks links, never follows them
      this.held.delete(text);
      this.options.logger.info('persistent volume destroyed', { role: key.role, persistence_id: key.id, path: dir });
      await fs.promises.rmdir(path.dirname(dir)).catch(() => undefined); // the role's folder, when now empty
    } catch (e) {
      this.options.logger.error('could not remove a destroyed persistent volume', { role: key.role, persistence_id: key.id, path: dir, error: e as Error });
    }
  }
}

/** Refuse a volume path any existing component of which (below the work dir) is a symbolic link. */
async function assertNoLinks(workDir: string, dir: string): Promise<void> {
  const relative = path.relative(workDir, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${dir} is not under the work dir ${workDir}`);
  let current = workDir;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    let stats: fs.Stats;
    try {
      stats = await fs.promises.lstat(current);
    } catch {
      return; // the rest does not exist yet
    }
    if (stats.isSymbolicLink()) throw new Error(`${current} is a symbolic link; a volume's path must be real directories`);
  }
}

/** Give an empty volume directory still owned by the agent to the task's user (as Mesos does on a volume's first use). */
async function chownIfFresh(dir: string, owner: { uid: number; gid: number }): Promise<void> {
  const stats = await fs.promises.stat(dir);
  if (stats.uid === owner.uid && stats.gid === owner.gid) return;
  if (stats.uid !== process.getuid?.()) return; // already someone's
  if ((await fs.promises.readdir(dir)).length > 0) return;
  await fs.promises.chown(dir, owner.uid, owner.gid);
}
