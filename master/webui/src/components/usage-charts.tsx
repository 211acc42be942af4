/**
 * Usage over the last hour as line charts in SVG (no chart library): a
 * task's and an agent's CPU, memory and disk next to what they hold (the
 * reservation as a dashed line, an agent's allocation as a shaded area),
 * and the overview's cluster charts (allocation and usage, task rates,
 * pending tasks). Each card asks the master for its series
 * (`/api/v1/usage/...`) when shown and again every interval.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RelayedSeries } from '../../../usage-series-shape';
import type { ClusterUsagePoint } from '../../../cluster-usage';
import { api, ApiError } from '../api';
import { areaPath, chartFrame, chartWindow, lastValue, linePath, type ChartSeries } from '../model/chart-geometry';
import { formatBytes, formatNumber, formatTimestamp } from '../model/format';
import { Card, Empty, ErrorBox } from './common';

const WIDTH = 600;
const HEIGHT = 120;
/** One chart: lines over [from, to] with a y axis of its formatted top value and a legend. */
export function LineChart(props: { title: string; series: ChartSeries[]; from: number; to: number; format: (v: number) => string; name?: string }) {
  const frame = chartFrame(props.series, props.from, props.to, WIDTH, HEIGHT);
  const drawn = props.series.reduce((n, s) => n + s.points.filter(([t, v]) => v !== null && t >= frame.from && t <= frame.to).length, 0);
  return (
    <figure class="usage-chart" data-chart={props.name ?? props.title} data-points={drawn} aria-label={props.title}>
      <figcaption>
        <span class="title">{props.title}</span>
        <span class="legend">
          {props.series.map((s, i) => {
            const last = lastValue(s.points);
            return (
              <span key={s.name}>
                <i class={`swatch-usage-${i} ${s.kind}`} />
                {s.name}
                {last !== undefined && <b class="num"> {props.format(last)}</b>}
              </span>
            );
          })}
        </span>
      </figcaption>
      <div class="plot">
        <span class="axis top num">{props.format(frame.max)}</span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`${props.title} over the last hour`}>
          <line class="grid" x1="0" x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} />
          {props.series.map((s, i) =>
            s.kind === 'area' ? (
              <path key={s.name} class={`area usage-${i}`} d={areaPath(frame, s.points)} />
            ) : (
              <path key={s.name} class={`${s.kind} usage-${i}`} d={linePath(frame, s.points)} vector-effect="non-scaling-stroke" />
            ),
          )}
        </svg>
        <span class="axis bottom num">0</span>
      </div>
      <div class="times muted num">
        <span>{formatTimestamp(frame.from).slice(11, 16)}</span>
        <span>{formatTimestamp(frame.to).slice(11, 16)} UTC</span>
      </div>
    </figure>
  );
}

const cores = (v: number): string => `${formatNumber(v, v < 1 ? 3 : 2)} cpu`;
const megabytes = (v: number): string => formatBytes(v * 1024 * 1024);
const perMinute = (v: number): string => `${formatNumber(v, 1)}/min`;
const count = (v: number): string => formatNumber(v, 0);

/** Poll `load` every `everySeconds` (at least 5) while mounted; the latest answer or error. */
function usePolled<T>(load: (signal: AbortSignal) => Promise<T>, key: string, everySeconds: (value: T | undefined) => number): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let abort: AbortController | undefined;
    let last: T | undefined;
    const tick = (): void => {
      abort = new AbortController();
      load(abort.signal).then(
        (value) => {
          last = value;
          if (!stopped) setState({ value });
        },
        (e) => {
          if (!stopped && (e as Error).name !== 'AbortError') setState((s) => ({ value: s.value, error: e instanceof ApiError ? e.message : String(e) }));
        },
      ).finally(() => {
        if (!stopped) timer = setTimeout(tick, Math.max(5, everySeconds(last)) * 1000);
      });
    };
    setState({});
    tick();
    return () => {
      stopped = true;
      abort?.abort();
      if (timer) clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** Charts of one series (a task's or an agent's): CPU, memory, disk with their limits. */
function SeriesCharts(props: { series: RelayedSeries; withAllocation: boolean }) {
  const s = props.series;
  const to = s.ended_at ?? Math.max(Date.now() / 1000, s.points[s.points.length - 1]?.t ?? 0);
  const [from] = chartWindow(to, s.points[0]?.t);
  const first = s.points[0]?.t ?? from;
  const flat = (v: number | undefined): ChartSeries['points'] => (v === undefined ? [] : [[Math.max(from, first), v], [to, v]]);
  const alloc = (pick: (a: NonNullable<RelayedSeries['points'][number]['allocated']>) => number): ChartSeries['points'] =>
    s.points.map((p) => [p.t, p.allocated ? pick(p.allocated) : null] as const);
  const MB = 1024 * 1024;
  const cpu: ChartSeries[] = [{ name: 'used', kind: 'line', points: s.points.map((p) => [p.t, p.cpus] as const) }];
  const mem: ChartSeries[] = [{ name: 'resident', kind: 'line', points: s.points.map((p) => [p.t, p.mem === null ? null : p.mem / MB] as const) }];
  const disk: ChartSeries[] = [{ name: 'sandbox', kind: 'line', points: s.points.map((p) => [p.t, p.disk === null ? null : p.disk / MB] as const) }];
  if (props.withAllocation) {
    cpu.push({ name: 'allocated', kind: 'area', points: alloc((a) => a.cpus) });
    mem.push({ name: 'allocated', kind: 'area', points: alloc((a) => a.mem / MB) });
    disk.push({ name: 'allocated', kind: 'area', points: alloc((a) => a.disk / MB) });
  }
  const limitName = props.withAllocation ? 'total' : 'reserved';
  if (s.limits.cpus !== undefined) cpu.push({ name: limitName, kind: 'limit', points: flat(s.limits.cpus) });
  if (s.limits.mem_bytes !== undefined) mem.push({ name: limitName, kind: 'limit', points: flat(s.limits.mem_bytes / MB) });
  if (s.limits.disk_bytes !== undefined) disk.push({ name: limitName, kind: 'limit', points: flat(s.limits.disk_bytes / MB) });
  return (
    <div class="usage-charts">
      <LineChart name="cpu" title="CPU" series={cpu} from={from} to={to} format={cores} />
      <LineChart name="mem" title="Memory" series={mem} from={from} to={to} format={megabytes} />
      <LineChart name="disk" title="Disk" series={disk} from={from} to={to} format={megabytes} />
    </div>
  );
}

/** A task's usage over the last hour (from the agent that runs or ran it). */
export function TaskUsageCard(props: { frameworkId: string; taskId: string }) {
  const { value, error } = usePolled((signal) => api.taskUsage(props.frameworkId, props.taskId, signal), `${props.frameworkId}/${props.taskId}`, (v) => v?.interval_seconds ?? 10);
  return (
    <Card title="Usage, last hour" class="usage-card" id="usage">
      {value ? (
        <>
          {error && <div class="muted">Not refreshed: {error}</div>}
          {value.points.length === 0 ? (
            <Empty>Not measured yet: its agent samples every few seconds and reports here once it has.</Empty>
          ) : (
            <SeriesCharts series={value} withAllocation={false} />
          )}
        </>
      ) : error ? (
        <Empty>{error}</Empty>
      ) : (
        <div class="loading">Loading…</div>
      )}
    </Card>
  );
}

/** An agent's usage over the last hour: its containers' sums, what its tasks hold, its resources. */
export function AgentUsageCard(props: { agentId: string }) {
  const { value, error } = usePolled((signal) => api.agentUsage(props.agentId, signal), props.agentId, (v) => v?.interval_seconds ?? 10);
  return (
    <Card title="Usage, last hour" class="usage-card" id="usage">
      {value ? (
        <>
          {error && <div class="muted">Not refreshed: {error}</div>}
          <SeriesCharts series={value} withAllocation />
        </>
      ) : error ? (
        <Empty>{error}</Empty>
      ) : (
        <div class="loading">Loading…</div>
      )}
    </Card>
  );
}

/** The overview's cluster charts from the master's series. */
export function ClusterUsageCharts() {
  const { value, error } = usePolled((signal) => api.clusterUsage(signal), 'cluster', (v) => v?.interval_seconds ?? 10);
  const points: readonly ClusterUsagePoint[] = value?.points ?? [];
  const to = Math.max(Date.now() / 1000, points[points.length - 1]?.t ?? 0);
  const [from] = chartWindow(to, points[0]?.t);
  const of = (pick: (p: ClusterUsagePoint) => number | null): ChartSeries['points'] => points.map((p) => [p.t, pick(p)] as const);
  return (
    <Card title="Cluster over the last hour" class="usage-card" id="cluster-usage">
      {error && <ErrorBox>{error}</ErrorBox>}
      {!value && !error ? (
        <div class="loading">Loading…</div>
      ) : points.length === 0 ? (
        <Empty>No points yet: the master adds one every {value?.interval_seconds ?? 10} s from its agents' usage reports.</Empty>
      ) : (
        <div class="usage-charts">
          <LineChart name="cluster-cpu" title="CPU" from={from} to={to} format={cores} series={[
            { name: 'used', kind: 'line', points: of((p) => p.used.cpus) },
            { name: 'allocated', kind: 'area', points: of((p) => p.allocated.cpus) },
            { name: 'total', kind: 'limit', points: of((p) => p.total.cpus) },
          ]} />
          <LineChart name="cluster-mem" title="Memory" from={from} to={to} format={megabytes} series={[
            { name: 'used', kind: 'line', points: of((p) => p.used.mem) },
            { name: 'allocated', kind: 'area', points: of((p) => p.allocated.mem) },
            { name: 'total', kind: 'limit', points: of((p) => p.total.mem) },
          ]} />
          <LineChart name="task-rates" title="Tasks launched and ended" from={from} to={to} format={perMinute} series={[
            { name: 'launched', kind: 'line', points: of((p) => p.launched_per_minute) },
            { name: 'ended', kind: 'line', points: of((p) => p.ended_per_minute) },
          ]} />
          <LineChart name="pending" title="Pending and running tasks" from={from} to={to} format={count} series={[
            { name: 'pending', kind: 'line', points: of((p) => p.pending) },
            { name: 'running', kind: 'line', points: of((p) => p.running) },
          ]} />
        </div>
      )}
    </Card>
  );
}
