/**
 * The services and jobs frameworks as the UI reads them: their own HTTP
 * APIs through the master's proxy (`api/v1/frameworks/<id>/api/...`, only
 * to a framework's registered webui_url), which framework plays which part,
 * and the words and tones the pages show. The shapes are the parts of the
 * frameworks' answers the pages read (frameworks/services/services-api.ts,
 * frameworks/jobs/jobs-api.ts). Pure, but for {@link frameworkGet}.
 */
import type { UiFramework } from '../../../http-ui-types';
import { getJson } from '../api';

/** Which framework: its `/health` says `kind`. */
export type FrameworkKind = 'services' | 'jobs';

/** One instance of an app. */
export interface InstanceJson {
  instanceId: string;
  version: string;
  host: string;
  hostname: string;
  agentId: string;
  ports: number[];
  status: string;
  reason?: string;
  launchedAt?: string;
}

/** An ended instance. */
export interface EndedJson {
  instanceId: string;
  version: string;
  state: string;
  message?: string;
  reason?: string;
  endedAt: number;
}

/** A stateful app's resident: the reserved place (agent, volumes) of one instance. */
export interface ResidentJson {
  residentId: string;
  agentId: string;
  hostname: string;
  role: string;
  state: 'running' | 'waiting' | 'suspended' | 'releasing';
  reservation: string;
  instanceId?: string;
  waiting?: string;
  volumes: Array<{ persistenceId: string; containerPath: string; sizeMb: number; mode: string }>;
}

/** An app. */
export interface AppJson {
  id: string;
  version: string;
  instances: number;
  running: number;
  healthy: number;
  previousVersion?: string;
  deployment?: { id: string; kind: string; toVersion: string; status: string; progress?: string; lastFailure?: string };
  unplaced?: { reason: string };
  backoff?: { failures: number; launchesAfter?: string };
  destroying?: boolean;
  definition: { command?: string; cpus?: number; mem?: number; healthCheck?: { protocol?: string; path?: string } };
  tasks: InstanceJson[];
  ended: EndedJson[];
  /** A stateful app's residents (where each instance's volumes are). */
  residents?: ResidentJson[];
}

/** A deployment. */
export interface DeploymentJson {
  id: string;
  appId: string;
  kind: string;
  fromVersion?: string;
  toVersion: string;
  status: string;
  progress?: string;
  lastFailure?: string;
  startedAt: number;
  endedAt?: number;
  events: Array<{ at: number; message: string }>;
}

/** An endpoint. */
export interface EndpointJson {
  instanceId: string;
  address: string;
}

/** A run of a job. */
export interface RunJson {
  id: string;
  jobId: string;
  trigger: string;
  status: string;
  attempts: Array<{ taskId: string; state: string; message?: string; agentId?: string }>;
  createdAt: number;
  finishedAt?: number;
  reason?: string;
}

/** A job as listed. */
export interface JobJson {
  definition: { id: string; command: string; schedule?: { cron: string; concurrencyPolicy: string }; retries?: { maxRetries: number }; deadlineSeconds?: number };
  nextFireAt: number | null;
  lastRun?: RunJson | null;
  activeRuns?: number;
  skippedFires?: number;
}

/** A job with its runs. */
export interface JobDetailJson extends JobJson {
  runs: RunJson[];
}

/**
 * The frameworks that may be `kind`, best guess first: connected ones with
 * a webui_url, those named `meseta-<kind>` first (the default name).
 */
export function frameworkCandidates(frameworks: Iterable<UiFramework>, kind: FrameworkKind): UiFramework[] {
  const usable = [...frameworks].filter((f) => !f.completed && f.connected && f.webui_url);
  const named = (f: UiFramework): number => (f.name === `meseta-${kind}` ? 0 : f.name.includes(kind) ? 1 : 2);
  return usable.sort((a, b) => named(a) - named(b) || a.name.localeCompare(b.name)).slice(0, 20);
}

/** GET a path of a framework's API through the master. */
export function frameworkGet<T>(frameworkId: string, path: string, signal?: AbortSignal): Promise<T> {
  return getJson<T>(`api/v1/frameworks/${encodeURIComponent(frameworkId)}/api${path}`, signal);
}

/** A badge tone for an instance status or a deployment/run outcome. */
export function outcomeTone(status: string): 'ok' | 'warn' | 'bad' | 'neutral' | 'info' {
  switch (status) {
    case 'healthy':
    case 'succeeded':
      return 'ok';
    case 'running':
      return 'info';
    case 'staging':
    case 'waiting':
    case 'killing':
    case 'superseded':
    case 'cancelled':
    case 'killed':
      return 'warn';
    case 'unhealthy':
    case 'failed':
    case 'lost':
    case 'rolled-back':
    case 'finished':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** What an app is doing, the worst first (as `meseta-services status` says it). */
export function appCondition(app: AppJson): { text: string; tone: 'ok' | 'warn' | 'bad' | 'info' } {
  if (app.destroying) return { text: 'destroying', tone: 'warn' };
  if (app.unplaced) return { text: `unplaced: ${app.unplaced.reason}`, tone: 'bad' };
  const failing = app.tasks.find((t) => t.status === 'unhealthy' || t.status === 'failed');
  if (failing) return { text: `${failing.status}: ${failing.reason ?? ''}`, tone: 'bad' };
  if (app.deployment) return { text: `deploying ${app.deployment.toVersion}${app.deployment.progress ? `: ${app.deployment.progress}` : ''}`, tone: 'info' };
  if (app.healthy < app.instances) {
    const ended = app.ended.find((e) => e.reason);
    return { text: ended ? `${app.healthy}/${app.instances} healthy; last failure: ${ended.reason}` : `${app.healthy}/${app.instances} healthy`, tone: 'bad' };
  }
  return { text: 'healthy', tone: 'ok' };
}

/** The reason of a run: its own, or what its last attempt said. */
export function runReason(run: RunJson): string {
  if (run.reason) return run.reason;
  const last = run.attempts[run.attempts.length - 1];
  if (!last) return run.status === 'waiting' ? 'waiting for an offer' : '';
  if (run.status === 'succeeded') return last.message ?? '';
  return `${last.state}${last.message ? `: ${last.message}` : ''}`;
}
