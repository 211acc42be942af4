/**
 * Hierarchical role order (Mesos's sorters with hierarchical roles): roles
 * form a tree by their `/`-separated names, and shares are compared only
 * between siblings. A node's allocation in its parent's order is the sum of
 * its whole subtree's; a role's weight weighs it against its siblings. The
 * order is a depth-first walk: the lowest-share top-level role first, and
 * within it the lowest-share child, down to the roles that are clients.
 *
 * A role that is a client and also has children (frameworks in `eng` and in
 * `eng/a`) takes part among its children as one more member, keyed
 * `eng/.` (a role segment can never be `.`), carrying its own allocation and
 * its weight, as Mesos's virtual leaf does.
 *
 * Each level is an ordinary {@link Sorter} made by the factory (DRF by
 * default, or random), so the fairness strategy stays a separate choice.
 * Without any `/` in the roles the tree is one level and `sort()` is the
 * top-level sorter's own walk: the flat case costs what it did.
 */
import type { Sorter } from './allocator';
import { checkWeight, type Quantities } from './dominant-share';
import { DrfSorter } from './drf-sorter';

interface RoleNode {
  readonly path: string;
  readonly parent: RoleNode | undefined;
  /** Orders the children (and the own member, for a client); undefined for a node without children. */
  children: Sorter | undefined;
  childCount: number;
  /** True while the role is a client of this sorter. */
  client: boolean;
}

/** The key under which a client that has children takes part among them. */
function ownKey(path: string): string {
  return `${path}/.`;
}

/** The parent's path of a role (`eng` for `eng/a`), or '' for a top-level role. */
function parentPath(role: string): string {
  const at = role.lastIndexOf('/');
  return at < 0 ? '' : role.slice(0, at);
}

/** A {@link Sorter} over hierarchical role names, each level ordered by a sorter of its own. */
export class RoleTreeSorter implements Sorter {
  private readonly root: RoleNode;
  private readonly nodes = new Map<string, RoleNode>();
  /** Every weight set, kept for nodes that appear later (a parent created by its first child). */
  private readonly weights = new Map<string, number>();
  private total: Quantities = new Map();
  private clients = 0;
  /** Nodes below the root that have children; 0 means the tree is flat. */
  private inner = 0;

  constructor(private readonly makeSorter: () => Sorter = () => new DrfSorter()) {
    this.root = { path: '', parent: undefined, children: makeSorter(), childCount: 0, client: false };
  }

  get size(): number {
    return this.clients;
  }

  /** Adding a role creates its ancestors as inner nodes (not clients). */
  add(client: string, weight?: number): void {
    if (weight !== undefined) {
      checkWeight(weight);
      this.weights.set(client, weight);
    }
    const existing = this.nodes.get(client);
    if (existing?.client) return;
    const node = existing ?? this.create(client);
    node.client = true;
    this.clients++;
    if (node.children) node.children.add(ownKey(client), this.weightOf(client));
  }

  remove(client: string): void {
    const node = this.nodes.get(client);
    if (!node || !node.client) return;
    const own = this.ownOf(node);
    if (own.size > 0) this.apply(node, new Map(own), -1);
    node.client = false;
    this.clients--;
    if (node.children) node.children.remove(ownKey(client));
    this.prune(node);
  }

  /** Also remembered for a role not in the sort yet (it weighs that when it comes). */
  updateWeight(client: string, weight: number): void {
    checkWeight(weight);
    this.weights.set(client, weight);
    const node = this.nodes.get(client);
    if (!node) return;
    this.levelOf(node).updateWeight(client, weight);
    if (node.client && node.children) node.children.updateWeight(ownKey(client), weight);
  }

  allocated(client: string, resources: Quantities): void {
    const node = this.nodes.get(client);
    if (node?.client) this.apply(node, resources, 1);
  }

  unallocated(client: string, resources: Quantities): void {
    const node = this.nodes.get(client);
    if (node?.client) this.apply(node, resources, -1);
  }

  setTotal(total: Quantities): void {
    this.total = new Map(total);
    this.root.children!.setTotal(this.total);
    if (this.inner === 0) return;
    for (const node of this.nodes.values()) node.children?.setTotal(this.total);
  }

  /** The role's weighted dominant share among its siblings (its whole subtree's allocation). */
  share(client: string): number {
    const node = this.nodes.get(client);
    return node ? this.levelOf(node).share(client) : 0;
  }

  /** Client roles, depth first, each level lowest share first. Call again after a change. */
  sort(): Iterable<string> {
    const top = this.root.children!.sort();
    return this.inner === 0 ? top : this.walk(top);
  }

  private *walk(level: Iterable<string>): Generator<string> {
    for (const key of level) {
      if (key.endsWith('/.')) {
        yield key.slice(0, -2);
        continue;
      }
      const node = this.nodes.get(key);
      if (node?.children) yield* this.walk(node.children.sort());
      else if (node?.client) yield key;
    }
  }

  /** What the role itself holds (not its children): its member among its children, or its place among its siblings. */
  allocation(client: string): Quantities {
    const node = this.nodes.get(client);
    return node?.client ? this.ownOf(node) : new Map();
  }

  private ownOf(node: RoleNode): Quantities {
    return node.children ? node.children.allocation(ownKey(node.path)) : this.levelOf(node).allocation(node.path);
  }

  private weightOf(role: string): number {
    return this.weights.get(role) ?? 1;
  }

  /** The sorter that orders `node` among its siblings. */
  private levelOf(node: RoleNode): Sorter {
    return (node.parent as RoleNode).children as Sorter;
  }

  /** Record an allocation change of a client: its own member (when it has children), then its line up to the top. */
  private apply(node: RoleNode, resources: Quantities, sign: 1 | -1): void {
    if (node.children) {
      if (sign > 0) node.children.allocated(ownKey(node.path), resources);
      else node.children.unallocated(ownKey(node.path), resources);
    }
    for (let at: RoleNode = node; at.parent !== undefined; at = at.parent) {
      const level = at.parent.children as Sorter;
      if (sign > 0) level.allocated(at.path, resources);
      else level.unallocated(at.path, resources);
    }
  }

  private create(path: string): RoleNode {
    const parentName = parentPath(path);
    const parent = parentName === '' ? this.root : (this.nodes.get(parentName) ?? this.create(parentName));
    if (!parent.children) {
      // The parent gets children now: it becomes an inner node, its own allocation one member among them.
      // Until now its place among its siblings held its own allocation only.
      const own = parent.client ? new Map(this.levelOf(parent).allocation(parent.path)) : undefined;
      parent.children = this.makeSorter();
      parent.children.setTotal(this.total);
      this.inner++;
      if (own) {
        const key = ownKey(parent.path);
        parent.children.add(key, this.weightOf(parent.path));
        if (own.size > 0) parent.children.allocated(key, own);
      }
    }
    const node: RoleNode = { path, parent, children: undefined, childCount: 0, client: false };
    this.nodes.set(path, node);
    parent.children.add(path, this.weightOf(path));
    parent.childCount++;
    return node;
  }

  /** Drop a node that is neither a client nor has children, then its ancestors that become so. */
  private prune(node: RoleNode): void {
    let at: RoleNode = node;
    while (at.parent !== undefined && !at.client && at.childCount === 0) {
      const parent = at.parent;
      (parent.children as Sorter).remove(at.path);
      this.nodes.delete(at.path);
      parent.childCount--;
      if (parent.childCount === 0 && parent.parent !== undefined) {
        // Back to a leaf: its own allocation is all its subtree's, already counted in its parent's level.
        parent.children = undefined;
        this.inner--;
      }
      at = parent;
    }
  }
}
