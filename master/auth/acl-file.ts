/**
 * The `--acls FILE` as a live value: read at start (a bad file refuses to
 * start the master), then re-read whenever the file changes. A change that
 * does not parse keeps the ACLs in force and logs why. The folder is
 * watched, not the file, so an editor's save-by-rename is seen too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@meseta/runtime/log';
import { type Acls, parseAcls } from './acls';

/** Where the ACLs in force come from. */
export interface AclSource {
  current(): Acls;
}

/** ACLs fixed at construction (tests, and the master without `--acls`). */
export class FixedAcls implements AclSource {
  constructor(private readonly acls: Acls) {}
  current(): Acls {
    return this.acls;
  }
}

/** Milliseconds to wait after a change event before reading (a save is several events). */
const SETTLE_MS = 50;

/** An ACL file, re-read on change. */
export class AclFile implements AclSource {
  private acls: Acls;
  private watcher?: fs.FSWatcher;
  private pending?: NodeJS.Timeout;
  private lastText: string;
  /** Called after each successful reload (tests wait on it). */
  onReload?: (acls: Acls) => void;

  /** Reads the file now; throws naming the file and the field when it is bad. */
  constructor(
    readonly file: string,
    private readonly log: Logger,
  ) {
    this.lastText = this.read();
    this.acls = parseAcls(this.lastText, `--acls ${file}`);
  }

  current(): Acls {
    return this.acls;
  }

  /** Watch the file's folder and reload on change. */
  watch(): void {
    const base = path.basename(this.file);
    this.watcher = fs.watch(path.dirname(this.file), (_event, name) => {
      if (name !== null && name !== base) return;
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.reload(), SETTLE_MS);
    });
    this.watcher.on('error', (e) => this.log.warn('cannot watch the ACL file; changes need a restart', { file: this.file, problem: e.message }));
  }

  /** Re-read now. Returns true when new ACLs are in force. */
  reload(): boolean {
    let text: string;
    try {
      text = this.read();
    } catch (e) {
      this.log.warn('ACL file unreadable; keeping the ACLs in force', { file: this.file, problem: (e as Error).message });
      return false;
    }
    if (text === this.lastText) return false;
    try {
      this.acls = parseAcls(text, `--acls ${this.file}`);
    } catch (e) {
      this.lastText = text;
      this.log.warn('ACL file changed but is not valid; keeping the ACLs in force', { file: this.file, problem: (e as Error).message });
      return false;
    }
    this.lastText = text;
    this.log.info('ACLs reloaded', { file: this.file, actions: Object.keys(this.acls.rules).join(',') || '(none)', permissive: this.acls.permissive });
    this.onReload?.(this.acls);
    return true;
  }

  stop(): void {
    clearTimeout(this.pending);
    this.watcher?.close();
  }

  private read(): string {
    try {
      return fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      throw new Error(`--acls ${this.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
}
