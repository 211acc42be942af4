/**
 * An in-memory stand-in of the ZooKeeper calls the registry log store
 * makes ({@link RegistryZooKeeper}): a tree of znodes with data versions,
 * sequential names from the parent's child counter, atomic multis, and
 * ZooKeeper's request size limit (jute.maxbuffer, 1 MB by default) so
 * tests see a request that real ZooKeeper would refuse. `crashAfter(n)`
 * lets `n` more writes through and refuses every write after (a master
 * that died mid-way).
 */
import { ZkCallError, type RegistryZooKeeper, type ZkOp } from '../../master/registry/zookeeper-surface';

interface Znode {
  data: Buffer;
  version: number;
  children: Set<string>;
  /** The parent's counter for sequential children's names (ZooKeeper's cversion). */
  childCounter: number;
}

const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** ZooKeeper in memory. */
export class MemoryZooKeeper implements RegistryZooKeeper {
  readonly nodes = new Map<string, Znode>([['/', { data: Buffer.alloc(0), version: 0, children: new Set(), childCounter: 0 }]]);
  /** Largest request accepted, as ZooKeeper's jute.maxbuffer. */
  maxRequestBytes = 0xfffff;
  /** Largest request seen. */
  largestRequest = 0;
  /** Bytes of data written (creates and setData). */
  bytesWritten = 0;
  multis = 0;
  private writesLeft = Infinity;

  /** Let `n` more writes (multi, create, setData) through, then refuse every write. */
  crashAfter(n: number): void {
    this.writesLeft = n;
  }

  /** Accept writes again. */
  recover(): void {
    this.writesLeft = Infinity;
  }

  /** Paths under `prefix`, sorted (for assertions). */
  paths(prefix = '/'): string[] {
    return [...this.nodes.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  private spend(): void {
    if (this.writesLeft <= 0) throw new ZkCallError('OTHER', 'connection lost (the stand-in was told to crash)');
    this.writesLeft--;
  }

  async getData(path: string): Promise<{ data: Buffer; version: number } | undefined> {
    const node = this.nodes.get(path);
    return node ? { data: node.data, version: node.version } : undefined;
  }

  async getChildren(path: string): Promise<string[] | undefined> {
    const node = this.nodes.get(path);
    return node ? [...node.children] : undefined;
  }

  async mkdirp(path: string): Promise<void> {
    let at = '';
    for (const part of path.split('/').filter(Boolean)) {
      at += `/${part}`;
      if (!this.nodes.has(at)) this.createNode(at, Buffer.alloc(0), false);
    }
  }

  async create(path: string, data: Buffer): Promise<void> {
    this.spend();
    this.createNode(path, data, false);
  }

  async setData(path: string, data: Buffer): Promise<number> {
    this.spend();
    const node = this.nodes.get(path);
    if (!node) throw new ZkCallError('NO_NODE', `no node ${path}`);
    node.data = Buffer.from(data);
    this.bytesWritten += data.length;
    return ++node.version;
  }

  async multi(ops: ZkOp[]): Promise<string[]> {
    this.spend();
    this.multis++;
    const size = ops.reduce((n, op) => n + op.path.length + 16 + ('data' in op ? op.data.length : 0), 0);
    this.largestRequest = Math.max(this.largestRequest, size);
    if (size > this.maxRequestBytes) throw new ZkCallError('OTHER', `a request of ${size} bytes is over jute.maxbuffer (${this.maxRequestBytes})`);
    const undo: Array<() => void> = [];
    const results: string[] = [];
    for (let index = 0; index < ops.length; index++) {
      const op = ops[index];
      try {
        results.push(this.applyOp(op, undo));
      } catch (e) {
        for (const u of undo.reverse()) u();
        const code = e instanceof ZkCallError ? e.code : 'OTHER';
        throw new ZkCallError(code, `multi op ${index} (${op.kind} ${op.path}): ${(e as Error).message}`, index);
      }
    }
    return results;
  }

  private applyOp(op: ZkOp, undo: Array<() => void>): string {
    const node = this.nodes.get(op.path);
    switch (op.kind) {
      case 'check':
        if (!node) throw new ZkCallError('NO_NODE', `no node ${op.path}`);
        if (node.version !== op.version) throw new ZkCallError('BAD_VERSION', `version ${node.version}, expected ${op.version}`);
        return op.path;
      case 'create': {
        const created = this.createNode(op.path, op.data, op.sequential ?? false);
        undo.push(() => this.removeNode(created, true));
        return created;
      }
      case 'setData': {
        if (!node) throw new ZkCallError('NO_NODE', `no node ${op.path}`);
        const before = { data: node.data, version: node.version };
        node.data = Buffer.from(op.data);
        node.version++;
        this.bytesWritten += op.data.length;
        undo.push(() => Object.assign(node, before));
        return op.path;
      }
      case 'remove': {
        if (!node) throw new ZkCallError('NO_NODE', `no node ${op.path}`);
        this.removeNode(op.path, false);
        undo.push(() => {
          this.nodes.set(op.path, node);
          this.nodes.get(parentOf(op.path))!.children.add(nameOf(op.path));
        });
        return op.path;
      }
    }
  }

  private createNode(path: string, data: Buffer, sequential: boolean): string {
    const parent = this.nodes.get(parentOf(path));
    if (!parent) throw new ZkCallError('NO_NODE', `no parent for ${path}`);
    const full = sequential ? `${path}${String(parent.childCounter).padStart(10, '0')}` : path;
    if (this.nodes.has(full)) throw new ZkCallError('NODE_EXISTS', `${full} exists`);
    parent.childCounter++;
    parent.children.add(nameOf(full));
    this.nodes.set(full, { data: Buffer.from(data), version: 0, children: new Set(), childCounter: 0 });
    this.bytesWritten += data.length;
    return full;
  }

  private removeNode(path: string, undoingCreate: boolean): void {
    const node = this.nodes.get(path)!;
    if (node.children.size > 0) throw new ZkCallError('NOT_EMPTY', `${path} has children`);
    this.nodes.delete(path);
    const parent = this.nodes.get(parentOf(path))!;
    parent.children.delete(nameOf(path));
    if (undoingCreate) parent.childCounter--;
  }
}
