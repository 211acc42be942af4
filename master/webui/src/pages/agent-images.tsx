/**
 * The agent page's "Cached images" card: the registry images and layers the
 * agent keeps in its layer store, read through the master
 * (`GET /api/v1/agents/<id>/images`, which asks the agent), with an empty
 * state and an error state naming why.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentImages } from '../../../agent-images';
import { api, ApiError } from '../api';
import { formatAgo, formatBytes, formatNumber, formatTimestamp } from '../model/format';
import { imageSortValue, inUseText, isoSeconds, layerTotals, shortDigest } from '../model/images';
import { sortRows } from '../model/table';
import { Badge, Card, Empty, ErrorBox } from '../components/common';
import { VirtualTable } from '../components/virtual-table';
import { useSortParam } from '../components/tables';

/** Props of {@link CachedImagesCard}. */
export interface CachedImagesProps {
  agentId: string;
  /** The agent's status: the list is read again when it changes (a reconnected agent answers again). */
  status: string;
  query: Record<string, string>;
  /** Seconds since the epoch. */
  now: number;
}

type Loaded = { images: AgentImages } | { error: string } | undefined;

/** The "Cached images" card of an agent page. */
export function CachedImagesCard(props: CachedImagesProps) {
  const { agentId, status, query, now } = props;
  const [loaded, setLoaded] = useState<Loaded>();
  const [reloads, setReloads] = useState(0);
  const [sort, onSort] = useSortParam(query, 'images', { key: 'last_used', descending: true });
  useEffect(() => {
    const abort = new AbortController();
    setLoaded(undefined);
    api.images(agentId, abort.signal).then(
      (images) => setLoaded({ images }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setLoaded({ error: e instanceof ApiError ? e.message : `could not ask the master: ${(e as Error).message}` });
      },
    );
    return () => abort.abort();
  }, [agentId, status, reloads]);
  const store = loaded && 'images' in loaded ? loaded.images : undefined;
  const rows = useMemo(() => (store ? sortRows(store.images, imageSortValue(sort.key), sort.descending) : []), [store, sort.key, sort.descending]);

  const actions = (
    <>
      {store?.image_store && <span class="muted" data-images-totals>{layerTotals(store)}</span>}{' '}
      <button type="button" class="button" onClick={() => setReloads((n) => n + 1)}>
        Reload
      </button>
    </>
  );
  return (
    <div data-section="cached-images" data-state={!loaded ? 'loading' : 'error' in loaded ? 'error' : loaded.images.images.length > 0 ? 'filled' : 'empty'}>
      <Card title="Cached images" count={store ? store.images.length : undefined} actions={actions} flush>
        {!loaded && <Empty>Asking the agent…</Empty>}
        {loaded && 'error' in loaded && <ErrorBox>Cached images could not be listed: {loaded.error}</ErrorBox>}
        {store && !store.image_store && <Empty>This agent keeps no image store: its runc containerizer (--containerizers tar) is not enabled.</Empty>}
        {store?.image_store && (
          <VirtualTable
            name="agent-images"
            label="Cached images"
            wrapClass="short"
            rows={rows}
            rowKey={(m) => m.reference}
            sort={sort}
            onSort={onSort}
            empty="No cached images: tasks with registry images fill this."
            columns={[
              { key: 'reference', label: 'Image', width: '34%', title: (m) => m.reference, render: (m) => <span class="mono">{m.reference}</span> },
              { key: 'digest', label: 'Digest', width: '16%', title: (m) => m.digest, render: (m) => <span class="mono">{shortDigest(m.digest)}</span> },
              { key: 'layers', label: 'Layers', width: '80px', align: 'right', title: (m) => m.layers.join('\n'), render: (m) => formatNumber(m.layers.length) },
              { key: 'size', label: 'Size', width: '100px', align: 'right', title: (m) => `${formatNumber(m.bytes)} bytes unpacked`, render: (m) => formatBytes(m.bytes) },
              {
                key: 'last_used',
                label: 'Last used',
                width: '130px',
                title: (m) => `${formatTimestamp(isoSeconds(m.last_used))} UTC (pulled ${formatTimestamp(isoSeconds(m.pulled_at))} UTC)`,
                render: (m) => <span class="muted">{formatAgo(isoSeconds(m.last_used), now)}</span>,
              },
              { key: 'in_use', label: 'In use', width: '130px', render: (m) => (m.in_use > 0 ? <Badge tone="ok">{inUseText(m.in_use)}</Badge> : <span class="muted">{inUseText(m.in_use)}</span>) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
