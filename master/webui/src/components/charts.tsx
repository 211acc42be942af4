/**
 * Charts as inline SVG: cluster resources as stacked bars (allocated,
 * offered, idle), and counts by state as horizontal bars.
 */
import { formatAmount, formatNumber, formatPercent, humanEnum } from '../model/format';
import type { ResourceTotals } from '../model/stats';
import { stateTone } from '../model/stats';

/** One stacked bar per resource with its figures, and a legend. */
export function ResourceChart(props: { totals: ResourceTotals[] }) {
  return (
    <div class="resource-chart" role="figure" aria-label="Resources: allocated, offered and idle">
      {props.totals.map((t) => {
        const part = (v: number): number => (t.total > 0 ? (v / t.total) * 100 : 0);
        const a = part(t.allocated);
        const o = Math.min(100 - a, part(t.offered));
        return (
          <div class="resource-row" data-resource={t.name} key={t.name}>
            <div class="name">{t.name}</div>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${t.name}: ${formatPercent(t.total ? t.allocated / t.total : 0)} allocated`}>
              <rect x="0" y="0" width="100" height="10" class="r-idle" />
              <rect x="0" y="0" width={a} height="10" class="r-allocated" />
              <rect x={a} y="0" width={o} height="10" class="r-offered" />
            </svg>
            <div class="figures num">
              <span>
                <b>{formatAmount(t.name, t.allocated)}</b> allocated ({formatPercent(t.total ? t.allocated / t.total : 0)})
              </span>
              <span>
                <b>{formatAmount(t.name, t.offered)}</b> offered
              </span>
              <span>
                <b>{formatAmount(t.name, t.idle)}</b> idle
              </span>
              <span>
                of <b>{formatAmount(t.name, t.total)}</b>
              </span>
            </div>
          </div>
        );
      })}
      <div class="legend">
        <span>
          <i class="swatch-allocated" />
          allocated to tasks
        </span>
        <span>
          <i class="swatch-offered" />
          offered to frameworks
        </span>
        <span>
          <i class="swatch-idle" />
          idle
        </span>
      </div>
    </div>
  );
}

/** Horizontal bars of counts by state, each linking somewhere. */
export function StateBars(props: { counts: Array<[string, number]>; href?: (state: string) => string; empty: string }) {
  const max = Math.max(1, ...props.counts.map(([, n]) => n));
  if (props.counts.length === 0) return <div class="empty">{props.empty}</div>;
  return (
    <div class="state-bars">
      {props.counts.map(([state, n]) => (
        <div class="state-bar" key={state} data-state={state}>
          <span class="label">{props.href ? <a href={props.href(state)}>{humanEnum(state)}</a> : humanEnum(state)}</span>
          <span class="track">
            <svg width="100%" height="10" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect class={`r-${stateTone(state)}`} x="0" y="0" width={Math.max(1, (n / max) * 100)} height="10" rx="0" />
            </svg>
          </span>
          <span class="n num">{formatNumber(n)}</span>
        </div>
      ))}
    </div>
  );
}
