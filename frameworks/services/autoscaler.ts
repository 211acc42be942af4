/**
 * Autoscaling decisions: the instance count that brings the average of a
 * metric the instances expose to the target (as the Kubernetes HPA does:
 * `ceil(current × average / target)`), kept between min and max, and
 * changed at most once per cool-down. Plus the two metric formats: a number
 * at a dotted path in JSON, or a sample in Prometheus text. Pure.
 */
import type { AutoscalePolicy } from './app-definition';

/** What the autoscaler knows at one moment. */
export interface AutoscaleInput {
  policy: Pick<AutoscalePolicy, 'target' | 'minInstances' | 'maxInstances' | 'coolDownSeconds'>;
  /** Instances the app is set to now. */
  current: number;
  /** The metric read from each instance that answered. */
  samples: readonly number[];
  /** When the count was last changed by the autoscaler (ms), if ever. */
  lastChangeAt?: number;
  now: number;
}

/** A decision: change to `instances`, or stay (with the reason). */
export type AutoscaleDecision = { change: true; instances: number; reason: string } | { change: false; reason: string };

/** Decide the instance count. */
export function decideScale(input: AutoscaleInput): AutoscaleDecision {
  const { policy, current } = input;
  const clamp = (n: number): number => Math.min(policy.maxInstances, Math.max(policy.minInstances, n));
  if (current < policy.minInstances || current > policy.maxInstances) {
    return { change: true, instances: clamp(current), reason: `${current} instances is outside [${policy.minInstances}, ${policy.maxInstances}]` };
  }
  if (input.samples.length === 0) return { change: false, reason: 'no instance reported the metric' };
  const average = input.samples.reduce((a, b) => a + b, 0) / input.samples.length;
  const wanted = clamp(Math.ceil((Math.max(current, 1) * average) / policy.target - 1e-9));
  if (wanted === current) return { change: false, reason: `average ${round(average)} keeps ${current} instances (target ${policy.target})` };
  const since = input.lastChangeAt === undefined ? Infinity : input.now - input.lastChangeAt;
  if (since < policy.coolDownSeconds * 1000) {
    return { change: false, reason: `cooling down: ${round((policy.coolDownSeconds * 1000 - since) / 1000)} s left before moving to ${wanted}` };
  }
  return { change: true, instances: wanted, reason: `average ${round(average)} against target ${policy.target}: ${current} → ${wanted} instances` };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The number at a dotted path (`queue.depth`, `workers.0.load`) of a JSON text; undefined when absent or not numeric. */
export function readJsonMetric(text: string, path: string): number | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const part of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The value of a sample in Prometheus text exposition: `name` alone matches
 * the first sample of that metric (summed over label sets when there are
 * several); `name{a="b"}` matches a sample carrying those labels.
 */
export function readPrometheusMetric(text: string, selector: string): number | undefined {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(selector.trim());
  if (!m) return undefined;
  const [, name, labelText] = m;
  const wanted = parseLabels(labelText ?? '');
  let total: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!sample || sample[1] !== name) continue;
    const labels = parseLabels(sample[2] ?? '');
    if (![...wanted].every(([k, v]) => labels.get(k) === v)) continue;
    const value = Number(sample[3]);
    if (!Number.isFinite(value)) continue;
    total = (total ?? 0) + value;
  }
  return total;
}

function parseLabels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1], m[2].replace(/\\(.)/g, '$1'));
  return out;
}
