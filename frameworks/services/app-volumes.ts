/**
 * Persistent volumes in an app definition (a stateful app, as Marathon's
 * apps with local persistent volumes): reading `volumes`, the rules a
 * stateful app must follow, and what a new version of one may not change.
 * Pure.
 *
 * Rules (documented in frameworks/services/README.md):
 * - each volume has a relative `containerPath` inside the sandbox (no `..`,
 *   unique per app), a whole `sizeMb` > 0 and a `mode` RW (default) or RO;
 * - a stateful app needs the framework to run in a role other than `*`
 *   (reservations are made for a role);
 * - no pods with volumes yet;
 * - instances are replaced in place, so `upgradeStrategy.maximumOverCapacity`
 *   must be 0 (its default for a stateful app) and `minimumHealthCapacity`
 *   at most 0.5 (default 0.5);
 * - a new version may not change `volumes`, `cpus`, `mem` or `disk`: the
 *   instances' reservations and volumes hold the old ones (destroy the app
 *   and deploy it again to change them).
 */
import { type DefinitionProblem, FieldReader, isObject } from '../common/definition-reader';

/** One persistent volume of each instance. */
export interface VolumeDefinition {
  /** Where the instance sees it, relative to its sandbox, e.g. `data`. */
  containerPath: string;
  /** Size in MB, reserved on the instance's agent. */
  sizeMb: number;
  /** @default 'RW' */
  mode: 'RW' | 'RO';
}

const VOLUME_FIELDS = ['containerPath', 'sizeMb', 'mode'] as const;
const PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The problem with a container path, or undefined when it is good. */
export function containerPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return `must be a path relative to the sandbox (e.g. "data"), got "${path}"`;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return `must not contain "." or ".." segments, got "${path}"`;
  if (segments.some((s) => !PATH_SEGMENT.test(s))) return `must be letters, digits, _ . - separated by /, got "${path}"`;
  return undefined;
}

/**
 * Read `volumes` (a list), or undefined when absent. Problems are pushed
 * under `volumes[i].field`.
 */
export function readVolumes(raw: unknown, problems: DefinitionProblem[]): VolumeDefinition[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    problems.push({ field: 'volumes', message: 'must be a list of { containerPath, sizeMb, mode? }' });
    return undefined;
  }
  if (raw.length === 0) {
    problems.push({ field: 'volumes', message: 'must hold at least one volume (leave it out for an app without volumes)' });
    return undefined;
  }
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const path = `volumes[${i}]`;
    if (!isObject(entry)) {
      problems.push({ field: path, message: 'must be an object { containerPath, sizeMb, mode? }' });
      return { containerPath: '', sizeMb: 0, mode: 'RW' as const };
    }
    const r = new FieldReader(entry, path, problems);
    r.onlyKnown(VOLUME_FIELDS);
    const containerPath = r.string('containerPath', true) ?? '';
    if (containerPath) {
      const bad = containerPathProblem(containerPath);
      if (bad) r.problem('containerPath', bad);
      else if (seen.has(containerPath)) r.problem('containerPath', `"${containerPath}" is used by two volumes`);
      seen.add(containerPath);
    }
    if (entry.sizeMb === undefined) r.problem('sizeMb', 'required (the volume\'s size in MB)');
    else if (typeof entry.sizeMb !== 'number' || !Number.isInteger(entry.sizeMb) || entry.sizeMb <= 0) {
      r.problem('sizeMb', `must be a positive integer (MB), got ${JSON.stringify(entry.sizeMb)}`);
    }
    const sizeMb = typeof entry.sizeMb === 'number' && Number.isInteger(entry.sizeMb) && entry.sizeMb > 0 ? entry.sizeMb : 0;
    const modeRaw = r.string('mode', false);
    const mode = (modeRaw ?? 'RW').toUpperCase();
    if (mode !== 'RW' && mode !== 'RO') r.problem('mode', `must be RW or RO, got "${modeRaw}"`);
    return { containerPath, sizeMb, mode: mode === 'RO' ? 'RO' : 'RW' };
  });
}

/** What a stateful app's checks need to know of the framework. */
export interface StatefulContext {
  /** The role the framework subscribed with; reservations are made for it. @default '*' */
  frameworkRole?: string;
}

/** The part of an app definition the stateful rules look at. */
interface StatefulFields {
  volumes?: VolumeDefinition[];
  pod?: unknown;
  upgradeStrategy: { minimumHealthCapacity: number; maximumOverCapacity: number };
}

/**
 * Problems of a stateful app that are not about one volume: the framework's
 * role, pods, and the upgrade strategy. `given` says which upgrade-strategy
 * fields the definition set itself (the defaults of a stateful app are 0.5 and 0).
 */
export function statefulProblems(app: StatefulFields, context: StatefulContext, given: { minimumHealthCapacity: boolean; maximumOverCapacity: boolean }): DefinitionProblem[] {
  if (!app.volumes) return [];
  const problems: DefinitionProblem[] = [];
  const role = context.frameworkRole ?? '*';
  if (role === '*') {
    problems.push({
      field: 'volumes',
      message: 'an app with volumes needs the services framework to run in a role other than "*" (its volumes and resources are reserved for that role): start it with meseta-services serve --role <role>',
    });
  }
  if (app.pod) problems.push({ field: 'volumes', message: 'not supported on a pod yet' });
  if (given.maximumOverCapacity && app.upgradeStrategy.maximumOverCapacity !== 0) {
    problems.push({
      field: 'upgradeStrategy.maximumOverCapacity',
      message: `must be 0 for an app with volumes (instances are replaced in place on their volumes, no extra instance), got ${app.upgradeStrategy.maximumOverCapacity}`,
    });
  }
  if (given.minimumHealthCapacity && app.upgradeStrategy.minimumHealthCapacity > 0.5) {
    problems.push({
      field: 'upgradeStrategy.minimumHealthCapacity',
      message: `must be at most 0.5 for an app with volumes (an instance is stopped before it is relaunched on its volume), got ${app.upgradeStrategy.minimumHealthCapacity}`,
    });
  }
  return problems;
}

/** The fields a new version of a stateful app may not change. */
export const FIXED_STATEFUL_FIELDS = ['volumes', 'cpus', 'mem', 'disk'] as const;

/** The part of an app definition a change check compares. */
interface ChangeFields {
  volumes?: VolumeDefinition[];
  cpus: number;
  mem: number;
  disk: number;
}

/**
 * What a new definition changes that an app with volumes (before or after)
 * may not change: one problem per field, naming it, with before and after.
 */
export function statefulChangeProblems(before: ChangeFields, after: ChangeFields): DefinitionProblem[] {
  if (!before.volumes && !after.volumes) return [];
  const problems: DefinitionProblem[] = [];
  const fix = 'destroy the app and deploy it again to change it';
  if (!before.volumes) {
    problems.push({ field: 'volumes', message: `an app without volumes cannot get volumes in a new version: ${fix}` });
    return problems;
  }
  if (!after.volumes) {
    problems.push({ field: 'volumes', message: `an app with volumes cannot drop them in a new version (its instances' data is on them): ${fix}` });
    return problems;
  }
  if (JSON.stringify(before.volumes) !== JSON.stringify(after.volumes)) {
    problems.push({ field: 'volumes', message: `cannot change in a new version (was ${volumesText(before.volumes)}, asked ${volumesText(after.volumes)}): ${fix}` });
  }
  for (const name of ['cpus', 'mem', 'disk'] as const) {
    if (before[name] !== after[name]) {
      problems.push({ field: name, message: `cannot change for an app with volumes (its instances' reservations hold ${before[name]}, asked ${after[name]}): ${fix}` });
    }
  }
  return problems;
}

/** `data:100MB:RW, logs:10MB:RO`. */
export function volumesText(volumes: readonly VolumeDefinition[]): string {
  return volumes.map((v) => `${v.containerPath}:${v.sizeMb}MB:${v.mode}`).join(', ');
}
