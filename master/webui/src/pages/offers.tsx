/**
 * Offers: what is on offer right now, and for each framework why its
 * pending tasks did not fit ("cpus: asked 4, largest offer 2"), from the
 * refusals it sent with its declines, each marked "never fits" (larger than
 * any agent) or "waiting for resources" as the master judged it.
 */
import { useMemo } from 'preact/hooks';
import type { UiDecline, UiFramework, UiRefusal } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { fitOutlook, pendingReasons } from '../model/stats';
import { formatAgo, formatDuration, formatNumber, formatTimestamp, shortId } from '../model/format';
import { links } from '../model/router';
import { Card, PageHead } from '../components/common';
import { VirtualTable } from '../components/virtual-table';
import { OfferTable, agentName, useSortParam } from '../components/tables';

function Reasons(props: { refusals: UiRefusal[] }) {
  if (props.refusals.length === 0) return <span class="muted">declined without a reason</span>;
  return (
    <>
      {props.refusals.map((r, i) => {
        const outlook = fitOutlook(r.code);
        return (
          <span key={i}>
            {outlook && (
              <>
                <span class={`badge plain ${outlook.tone}`} data-fit={r.code} title={outlook.title}>
                  {outlook.label}
                </span>{' '}
              </>
            )}
            <span class="reason" title={`${r.resource}: asked ${r.requested}, available ${r.available}`}>
              {r.message}
            </span>
          </span>
        );
      })}
    </>
  );
}

/** For each pending task of a framework: the latest reasons it did not fit. */
export function PendingReasons(props: { store: ClusterStore; framework: UiFramework; now: number }) {
  const { store, framework, now } = props;
  const reasons = useMemo(() => pendingReasons(framework), [framework]);
  return (
    <VirtualTable
      name="pending-reasons"
      label={`Why tasks of ${framework.name} are waiting`}
      wrapClass="short"
      rows={reasons}
      rowKey={(r) => r.taskId || '(any)'}
      rowHeight={36}
      minWidth="760px"
      empty={framework.declines.length === 0 ? 'No declines: nothing is waiting for resources.' : 'Declines carried no reasons.'}
      columns={[
        {
          key: 'task', label: 'Pending task', width: '24%', title: (r) => r.taskId,
          render: (r) => (r.taskId ? <span class="mono">{r.taskId}</span> : <span class="muted">(not named)</span>),
        },
        { key: 'reasons', label: 'Why it did not fit', width: '46%', title: (r) => r.refusals.map((x) => x.message).join('; '), render: (r) => <Reasons refusals={r.refusals} /> },
        { key: 'agent', label: 'Last offer from', width: '16%', render: (r) => <a href={links.agent(r.agentId)}>{agentName(store, r.agentId)}</a> },
        { key: 'when', label: 'When', width: '14%', title: (r) => formatTimestamp(r.timestamp), render: (r) => <span class="muted">{formatAgo(r.timestamp, now)}</span> },
      ]}
    />
  );
}

/** A framework's recent declines, newest first. */
export function DeclineTable(props: { store: ClusterStore; framework: UiFramework; now: number }) {
  const { store, framework, now } = props;
  const rows = useMemo(() => [...framework.declines].reverse(), [framework]);
  return (
    <VirtualTable<UiDecline>
      name="declines"
      label={`Recent declines of ${framework.name}`}
      wrapClass="short"
      rows={rows}
      rowKey={(d) => `${d.offer_id}-${d.timestamp}`}
      minWidth="760px"
      empty="No declines."
      columns={[
        { key: 'when', label: 'When', width: '14%', title: (d) => formatTimestamp(d.timestamp), render: (d) => <span class="muted">{formatAgo(d.timestamp, now)}</span> },
        { key: 'offer', label: 'Offer', width: '12%', title: (d) => d.offer_id, render: (d) => <span class="mono">{shortId(d.offer_id)}</span> },
        { key: 'agent', label: 'Agent', width: '16%', render: (d) => <a href={links.agent(d.agent_id)}>{agentName(store, d.agent_id)}</a> },
        { key: 'refuse', label: 'Refused for', width: '11%', render: (d) => formatDuration(d.refuse_seconds) },
        { key: 'reasons', label: 'Reasons', width: '47%', title: (d) => d.refusals.map((x) => x.message).join('; '), render: (d) => <Reasons refusals={d.refusals} /> },
      ]}
    />
  );
}

/** The offers page. */
export function OffersPage(props: { store: ClusterStore; query: Record<string, string>; now: number }) {
  const { store, query, now } = props;
  const offers = useMemo(() => [...store.offers.values()], [store.versions.offers]);
  const [sort, onSort] = useSortParam(query, 'sort', { key: 'age', descending: false });
  const declining = useMemo(
    () => [...store.frameworks.values()].filter((f) => !f.completed && f.declines.length > 0).sort((a, b) => a.name.localeCompare(b.name)),
    [store.versions.frameworks],
  );
  return (
    <div data-page="offers">
      <PageHead title="Offers" sub={`${formatNumber(offers.length)} outstanding · ${formatNumber(store.summary?.counters.offers_declined ?? 0)} declined since the master started`} />
      <div class="stack">
        <Card title="Outstanding offers" count={offers.length} flush>
          <OfferTable store={store} offers={offers} now={now} sort={sort} onSort={onSort} wrapClass="short" />
        </Card>
        {declining.length === 0 && (
          <Card title="Why tasks are waiting">
            <div class="empty">No framework has declined an offer recently.</div>
          </Card>
        )}
        {declining.map((f) => (
          <Card
            key={f.id}
            id={`declines-${f.id}`}
            title={<a href={links.framework(f.id)}>{f.name || f.id}</a>}
            actions={<span class="muted">{formatNumber(f.declines.length)} recent declines</span>}
            flush
          >
            <PendingReasons store={store} framework={f} now={now} />
          </Card>
        ))}
      </div>
    </div>
  );
}
