/**
 * The deployments of the services framework: starting one (which
 * supersedes the app's running one), noting its progress, finishing it, and
 * telling watchers about every change. The records live in the persisted
 * state, so a restarted framework carries on with them.
 */
import { EventEmitter } from 'node:events';
import { newId } from '@meseta/proto/ids';
import type { Clock } from '@meseta/runtime/clock';
import type { DeploymentKind, DeploymentRecord, DeploymentStatus, ServicesState } from './services-state';

/** Finished deployments kept for `GET /v1/deployments`. */
export const KEPT_FINISHED_DEPLOYMENTS = 100;
/** History lines kept per deployment. */
export const KEPT_DEPLOYMENT_EVENTS = 100;

/** What a new deployment is about. */
export interface DeploymentStart {
  appId: string;
  kind: DeploymentKind;
  toVersion: string;
  instances: number;
  fromVersion?: string;
  fromInstances?: number;
}

/** Deployment bookkeeping over the persisted state; emits `change` with the record. */
export class DeploymentLog extends EventEmitter {
  constructor(
    private readonly state: ServicesState,
    private readonly clock: Clock,
  ) {
    super();
    this.setMaxListeners(1000);
  }

  /** Start a deployment; the app's running one (if any) is superseded. */
  start(start: DeploymentStart, message: string): DeploymentRecord {
    const previous = this.running(start.appId);
    if (previous) this.finish(previous, 'superseded', `superseded by a ${start.kind} to ${start.toVersion}`);
    const record: DeploymentRecord = {
      id: newId(),
      ...start,
      status: 'running',
      failures: 0,
      startedAt: this.clock.now(),
      events: [],
    };
    this.state.deployments[record.id] = record;
    this.note(record, message);
    this.prune();
    return record;
  }

  /** The app's running deployment. */
  running(appId: string): DeploymentRecord | undefined {
    return Object.values(this.state.deployments).find((d) => d.appId === appId && d.status === 'running');
  }

  /** Every deployment, newest first. */
  all(): DeploymentRecord[] {
    return Object.values(this.state.deployments).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** One deployment. */
  get(id: string): DeploymentRecord | undefined {
    return this.state.deployments[id];
  }

  /** Add a line to its history (and tell watchers). */
  note(record: DeploymentRecord, message: string): void {
    record.events.push({ at: this.clock.now(), message });
    if (record.events.length > KEPT_DEPLOYMENT_EVENTS) record.events.splice(0, record.events.length - KEPT_DEPLOYMENT_EVENTS);
    this.emit('change', record);
  }

  /** End it with a status. */
  finish(record: DeploymentRecord, status: Exclude<DeploymentStatus, 'running'>, message: string): void {
    if (record.status !== 'running') return;
    record.status = status;
    record.endedAt = this.clock.now();
    this.note(record, message);
  }

  /** Tell watchers without a history line (healthy counts moved). */
  touch(record: DeploymentRecord): void {
    this.emit('change', record);
  }

  private prune(): void {
    const finished = this.all().filter((d) => d.status !== 'running');
    for (const d of finished.slice(KEPT_FINISHED_DEPLOYMENTS)) delete this.state.deployments[d.id];
  }
}
