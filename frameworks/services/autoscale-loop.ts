/**
 * The autoscaler's I/O: every app with an `autoscale` policy has its
 * healthy instances' metric read over HTTP each interval (JSON or
 * Prometheus text), and the pure decision applied as a scale deployment.
 */
import * as http from 'node:http';
import type { Logger } from '@meseta/runtime/log';
import { type Clock, type TimerHandle, repeatAfter } from '@meseta/runtime/clock';
import type { AutoscalePolicy } from './app-definition';
import { decideScale, readJsonMetric, readPrometheusMetric } from './autoscaler';
import type { ServicesApi } from './services-api';
import type { ServicesScheduler } from './scheduler';
import { instanceHealthy, instancesOf } from './services-state';

/** Read one instance's metric; undefined when it does not answer or has no such value. */
export async function readMetric(host: string, port: number, source: AutoscalePolicy['metric'], timeoutMs = 2000): Promise<number | undefined> {
  const text = await new Promise<string | undefined>((resolve) => {
    const req = http.get({ host, port, path: source.path, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve((res.statusCode ?? 500) < 300 ? Buffer.concat(chunks).toString('utf8') : undefined));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
  if (text === undefined) return undefined;
  return source.format === 'prometheus' ? readPrometheusMetric(text, source.name) : readJsonMetric(text, source.name);
}

/** Runs the autoscaler for every app that has a policy. */
export class AutoscaleLoop {
  private readonly nextCheck = new Map<string, number>();
  private readonly busy = new Set<string>();
  private ticker: TimerHandle | undefined;

  constructor(
    private readonly scheduler: ServicesScheduler,
    private readonly api: ServicesApi,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly read: typeof readMetric = readMetric,
  ) {}

  /** Check every 250 ms which apps are due. */
  start(): void {
    this.ticker = repeatAfter(this.clock, 250, () => this.checkDue());
  }

  /** Stop checking. */
  stop(): void {
    this.ticker?.cancel();
  }

  private checkDue(): void {
    const now = this.clock.now();
    for (const app of Object.values(this.scheduler.state.apps)) {
      const policy = app.definition.autoscale;
      const id = app.definition.id;
      if (!policy || app.destroying || this.busy.has(id)) continue;
      if ((this.nextCheck.get(id) ?? 0) > now) continue;
      this.nextCheck.set(id, now + policy.intervalSeconds * 1000);
      this.busy.add(id);
      void this.check(id, policy).finally(() => this.busy.delete(id));
    }
  }

  /** One autoscaling round for an app. */
  async check(appId: string, policy: AutoscalePolicy): Promise<void> {
    const instances = instancesOf(this.scheduler.state, appId).filter(instanceHealthy);
    const samples = (
      await Promise.all(instances.map((i) => this.read(i.host, i.ports[policy.metric.portIndex] ?? 0, policy.metric)))
    ).filter((x): x is number => x !== undefined);
    const app = this.scheduler.state.apps[appId];
    if (!app) return;
    const running = this.scheduler.deployments.running(appId);
    if (running && running.kind !== 'autoscale') return; // a rollout owns the count for now
    const decision = decideScale({
      policy,
      current: app.definition.instances,
      samples,
      lastChangeAt: app.autoscaledAt,
      now: this.clock.now(),
    });
    if (!decision.change) {
      this.logger.debug('autoscale: no change', { appId, reason: decision.reason });
      return;
    }
    this.logger.info('autoscale', { appId, instances: decision.instances, reason: decision.reason });
    await this.api.autoscale(appId, decision.instances, decision.reason);
  }
}
