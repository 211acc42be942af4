/**
 * Building blocks every page uses: cards, page headers, badges, key/value
 * lists, usage bars, search boxes. All text goes through Preact, which
 * escapes it; nothing here sets HTML.
 */
import type { ComponentChildren } from 'preact';
import { humanEnum, formatAmount, formatPercent } from '../model/format';
import { stateTone } from '../model/stats';

/** A titled box. */
export function Card(props: {
  title?: ComponentChildren;
  count?: number | string;
  actions?: ComponentChildren;
  flush?: boolean;
  class?: string;
  id?: string;
  children?: ComponentChildren;
}) {
  return (
    <section class={`card ${props.class ?? ''}`} id={props.id}>
      {props.title !== undefined && (
        <header class="card-head">
          <h2>
            {props.title}
            {props.count !== undefined && <span class="count num">{typeof props.count === 'number' ? props.count.toLocaleString('en') : props.count}</span>}
          </h2>
          {props.actions && <div class="actions">{props.actions}</div>}
        </header>
      )}
      <div class={props.flush ? 'card-body flush' : 'card-body'}>{props.children}</div>
    </section>
  );
}

/** A page's title with breadcrumbs and a subtitle. */
export function PageHead(props: { title: ComponentChildren; crumbs?: Array<[string, string]>; sub?: ComponentChildren; badge?: ComponentChildren }) {
  return (
    <div class="page-head">
      {props.crumbs && props.crumbs.length > 0 && (
        <nav class="crumbs" aria-label="Breadcrumbs">
          {props.crumbs.map(([label, href], i) => (
            <>
              {i > 0 && <span>/</span>}
              <a href={href}>{label}</a>
            </>
          ))}
        </nav>
      )}
      <h1>{props.title}</h1>
      {props.badge}
      {props.sub && <div class="sub">{props.sub}</div>}
    </div>
  );
}

/** A coloured pill. */
export function Badge(props: { tone?: 'ok' | 'warn' | 'bad' | 'neutral' | 'info'; plain?: boolean; title?: string; children: ComponentChildren }) {
  return (
    <span class={`badge ${props.tone ?? 'neutral'}${props.plain ? ' plain' : ''}`} title={props.title}>
      {props.children}
    </span>
  );
}

/** A task state or agent status as a badge (`TASK_RUNNING` → "running", green). */
export function StateBadge(props: { state: string }) {
  const tone = stateTone(props.state);
  return (
    <Badge tone={tone} title={props.state}>
      {humanEnum(props.state)}
    </Badge>
  );
}

/** A definition list of label/value rows; rows with undefined values are left out. */
export function KeyValues(props: { rows: Array<[string, ComponentChildren | undefined]> }) {
  return (
    <dl class="kv">
      {props.rows
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
    </dl>
  );
}

/** `allocated (+ offered) / total` of one resource with a small bar. */
export function Usage(props: { resource: string; allocated: number; offered?: number; total: number }) {
  const { resource, allocated, total } = props;
  const offered = props.offered ?? 0;
  const a = total > 0 ? Math.min(100, (allocated / total) * 100) : 0;
  const o = total > 0 ? Math.min(100 - a, (offered / total) * 100) : 0;
  return (
    <span class="usage" title={`${resource}: ${formatAmount(resource, allocated)} allocated, ${formatAmount(resource, offered)} offered of ${formatAmount(resource, total)}`}>
      <span class="bar">
        <i class="a" style={{ width: `${a}%` }} />
        <i class="o" style={{ width: `${o}%` }} />
      </span>
      <span class="text num">
        {formatAmount(resource, allocated)} / {formatAmount(resource, total)}
      </span>
    </span>
  );
}

/** A share 0..1 as a bar and a percentage. */
export function Share(props: { value: number }) {
  const pct = Math.max(0, Math.min(1, props.value || 0));
  return (
    <span class="share">
      <span class="track">
        <i style={{ width: `${pct * 100}%` }} />
      </span>
      <span class="num">{formatPercent(props.value || 0)}</span>
    </span>
  );
}

/** A search box that reports every keystroke. */
export function SearchBox(props: { value: string; placeholder: string; onInput: (value: string) => void; label: string }) {
  return (
    <input
      class="search"
      type="search"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
    />
  );
}

/** A line saying there is nothing to show. */
export function Empty(props: { children: ComponentChildren }) {
  return <div class="empty">{props.children}</div>;
}

/** A red box with an error message. */
export function ErrorBox(props: { children: ComponentChildren }) {
  return (
    <div class="error-box" role="alert">
      {props.children}
    </div>
  );
}

/** The Meseta mark: three stacked offers. */
export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="2" y="3" width="20" height="5" rx="1.5" fill="#60a5fa" />
      <rect x="2" y="10" width="14" height="5" rx="1.5" fill="#93c5fd" />
      <rect x="2" y="17" width="8" height="5" rx="1.5" fill="#bfdbfe" />
    </svg>
  );
}
