/**
 * Roles: the role tree (children indented under their parent), each role's
 * weight, quota guarantee and limit, what its tasks hold, what is reserved
 * to it, its frameworks and weighted dominant share (how the DRF allocator
 * orders them). Read from `GET /api/v1/roles`, not the event stream: again
 * when the stream says roles changed, and every few seconds (reservations).
 */
import { useMemo } from 'preact/hooks';
import type { ClusterStore } from '../model/store';
import { links } from '../model/router';
import { roleTableRows, type RoleTableRow } from '../model/roles-view';
import { api } from '../api';
import { polledValue, PolledReadState, usePolledRead } from '../polled-read';
import { Card, PageHead, Share } from '../components/common';
import { VirtualTable } from '../components/virtual-table';
import { frameworkName } from '../components/tables';

/** Milliseconds between reads of the role tree while the page is open. */
const REFRESH_MS = 5000;

/** The roles page. */
export function RolesPage(props: { store: ClusterStore; query: Record<string, string> }) {
  const { store } = props;
  const loaded = usePolledRead((signal) => api.roles(signal), REFRESH_MS, [store.versions.roles]);
  const tree = polledValue(loaded);
  const rows = useMemo(() => (tree ? roleTableRows(tree.roles) : []), [tree]);
  return (
    <div data-page="roles">
      <PageHead
        title="Roles"
        sub="Resources go to roles in order of weighted dominant share (DRF), guarantees first, never past a limit. Weights: meseta weights set; quotas: meseta quota set; reservations: meseta reserve."
      />
      <Card title="Roles" count={rows.length} flush>
        <PolledReadState loaded={loaded} what="Roles" />
        {tree && (
          <VirtualTable<RoleTableRow>
            name="roles"
            label="Roles"
            rows={rows}
            rowKey={(r) => r.name}
            minWidth="1100px"
            empty="No roles yet: a role appears when a framework subscribes with it, or a weight, quota or reservation names it."
            columns={[
              {
                key: 'name', label: 'Role', width: '12%', sortable: false, title: (r) => r.name,
                render: (r) => (
                  <span data-role={r.name} data-depth={r.depth} style={{ paddingLeft: `${r.depth * 18}px` }}>
                    {r.depth > 0 && <span class="muted">└ </span>}
                    <b>{r.label}</b>
                  </span>
                ),
              },
              { key: 'weight', label: 'Weight', width: '84px', align: 'right', sortable: false, render: (r) => <span data-cell="weight">{r.weight}</span> },
              { key: 'guarantee', label: 'Guarantee', width: '17%', sortable: false, title: (r) => r.guarantee, render: (r) => <span data-cell="guarantee">{r.guarantee}</span> },
              { key: 'limit', label: 'Limit', width: '17%', sortable: false, title: (r) => r.limit, render: (r) => <span data-cell="limit">{r.limit}</span> },
              {
                key: 'allocated', label: 'Allocated', width: '17%', sortable: false, title: (r) => r.allocated_subtree ? `own: ${r.allocated}; with subtree: ${r.allocated_subtree}` : r.allocated,
                render: (r) => <>
                  <span data-cell="allocated">{r.allocated}</span>
                  {r.allocated_subtree !== undefined && <div class="muted">with subtree: <span data-cell="allocated-subtree">{r.allocated_subtree}</span></div>}
                </>,
              },
              {
                key: 'reserved', label: 'Reserved', width: '17%', sortable: false, title: (r) => r.reserved_subtree ? `own: ${r.reserved}; with subtree: ${r.reserved_subtree}` : r.reserved,
                render: (r) => <>
                  <span data-cell="reserved">{r.reserved}</span>
                  {r.reserved_subtree !== undefined && <div class="muted">with subtree: <span data-cell="reserved-subtree">{r.reserved_subtree}</span></div>}
                </>,
              },
              {
                key: 'frameworks', label: 'Frameworks', width: '10%', sortable: false,
                title: (r) => r.frameworks.map((id) => frameworkName(store, id)).join(', '),
                render: (r) => (
                  <>
                    {r.frameworks.length === 0 && <span class="muted">–</span>}
                    {r.frameworks.map((id, i) => (
                      <>
                        {i > 0 && ', '}
                        <a href={links.framework(id)}>{frameworkName(store, id)}</a>
                      </>
                    ))}
                  </>
                ),
              },
              { key: 'share', label: 'Dominant share', width: '130px', sortable: false, render: (r) => <Share value={r.dominant_share} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
