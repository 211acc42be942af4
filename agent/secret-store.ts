/**
 * Where the agent finds the values of the secrets tasks reference by name
 * (`proto/src/secret-references.ts`). Behind one interface: a directory with
 * one file per secret (`--secrets-dir`), and an in-memory stand-in for unit
 * tests. A value is read at launch, handed to the container and never
 * logged, checkpointed or reported: only names appear in messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { secretNameProblem } from '@meseta/proto/secret-references';

/** Largest secret value the agent reads (a certificate chain fits many times). */
export const MAX_SECRET_BYTES = 1024 * 1024;

/** A secret that could not be resolved: `secret` is its name (never its value), `detail` why. */
export class SecretUnresolvedError extends Error {
  constructor(
    readonly secret: string,
    readonly detail: string,
  ) {
    super(`secret "${secret}" ${detail}`);
    this.name = 'SecretUnresolvedError';
  }
}

/** Resolves secret names to values. Rejects with {@link SecretUnresolvedError}. */
export interface SecretStore {
  /** One line for logs: where the values come from (no values). */
  readonly description: string;
  resolve(name: string): Promise<Buffer>;
}

/** No store configured: every reference is refused, saying how to configure one. */
export class NoSecretStore implements SecretStore {
  readonly description = 'none (start the agent with --secrets-dir DIR to resolve secrets)';
  resolve(name: string): Promise<Buffer> {
    return Promise.reject(new SecretUnresolvedError(name, 'cannot be resolved: this agent has no secret store (start it with --secrets-dir DIR)'));
  }
}

/**
 * One file per secret: `<dir>/<name>`, read whole. The file is opened
 * without following a symlink and must be a regular file of at most
 * {@link MAX_SECRET_BYTES}; the name must be a plain secret name (no path).
 */
export class FileSecretStore implements SecretStore {
  readonly description: string;

  constructor(readonly dir: string) {
    this.description = `files in ${dir}`;
  }

  async resolve(name: string): Promise<Buffer> {
    const problem = secretNameProblem(name);
    if (problem) throw new SecretUnresolvedError(name, `is not a valid name: ${problem}`);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(path.join(this.dir, name), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new SecretUnresolvedError(name, `does not exist in the agent's secret store (${this.dir})`);
      if (code === 'ELOOP') throw new SecretUnresolvedError(name, 'is a symlink in the agent\'s secret store; secrets must be regular files');
      throw new SecretUnresolvedError(name, `cannot be read from the agent's secret store: ${code ?? (e as Error).message}`);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new SecretUnresolvedError(name, 'is not a regular file in the agent\'s secret store');
      if (stats.size > MAX_SECRET_BYTES) throw new SecretUnresolvedError(name, `is larger than ${MAX_SECRET_BYTES} bytes`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /**
   * Check the directory at agent start; rejects naming the flag. Resolves
   * to a warning when others than its owner may read or list it.
   */
  async check(): Promise<string | undefined> {
    const stats = await fs.promises.stat(this.dir).catch((e: NodeJS.ErrnoException) => {
      throw new Error(`--secrets-dir: ${this.dir}: ${e.code ?? e.message}`);
    });
    if (!stats.isDirectory()) throw new Error(`--secrets-dir: ${this.dir} is not a directory`);
    const mode = stats.mode & 0o777;
    if (mode & 0o077) return `--secrets-dir: ${this.dir} is mode ${mode.toString(8).padStart(4, '0')}; others than its owner may list or read the secrets (chmod 0700)`;
    return undefined;
  }
}

/** An in-memory store for unit tests. */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory';
  private readonly values: Map<string, Buffer>;

  constructor(values: Record<string, string | Buffer> = {}) {
    this.values = new Map(Object.entries(values).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(v)]));
  }

  resolve(name: string): Promise<Buffer> {
    const value = this.values.get(name);
    return value ? Promise.resolve(Buffer.from(value)) : Promise.reject(new SecretUnresolvedError(name, 'does not exist in the agent\'s secret store'));
  }
}
