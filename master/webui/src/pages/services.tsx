/**
 * The services framework's pages, as Marathon users expect them, fed from
 * that framework's own API through the master: every app (version,
 * instances healthy of wanted, what it is doing), and one app: its
 * instances (agent, state, health and the reason when failing), its
 * deployments (steps and outcome), its endpoints, and instances that
 * ended with why. When no services framework is subscribed, says so and
 * how to start one.
 */
import type { ClusterStore } from '../model/store';
import { type AppJson, appCondition, type DeploymentJson, type EndpointJson, frameworkGet, outcomeTone } from '../model/framework-apps';
import { formatAgo } from '../model/format';
import { links } from '../model/router';
import { useFrameworkFeed } from '../framework-feed';
import { FrameworkFeedState, type FrameworkKind } from '../components/framework-feed-state';
import { Badge, Card, Empty, KeyValues, PageHead } from '../components/common';
import { TableCard } from '../components/table-card';

const FRAMEWORK: FrameworkKind = { kind: 'services', command: 'meseta-services', items: 'apps' };

function ms(at: number | string | undefined): number | undefined {
  if (at === undefined) return undefined;
  const t = typeof at === 'string' ? Date.parse(at) : at;
  return Number.isFinite(t) ? t / 1000 : undefined;
}

/** `#/services`: every app. */
export function ServicesPage(props: { store: ClusterStore; now: number }) {
  const feed = useFrameworkFeed(props.store, 'services', 'apps', (id, signal) => frameworkGet<{ apps: AppJson[] }>(id, '/v1/apps', signal));
  const apps = feed.state === 'ready' || feed.state === 'error' ? feed.data?.apps : undefined;
  return (
    <div data-page="services" data-state={feed.state}>
      <PageHead title="Services" sub={feed.state === 'ready' ? <>Apps of {feed.name}</> : 'Long-running apps of the services framework'} />
      <Card title="Apps" count={apps?.length} flush>
        <FrameworkFeedState framework={FRAMEWORK} feed={feed} what="The apps" />
        {apps && apps.length === 0 && <Empty>No apps yet: deploy one with <code>meseta-services deploy app.json</code>.</Empty>}
        {apps && apps.length > 0 && (
          <div class="table-wrap short">
            <table class="data" data-table="apps">
              <thead>
                <tr>
                  <th style={{ width: '18%' }}>App</th>
                  <th style={{ width: '80px' }}>Version</th>
                  <th class="right" style={{ width: '110px' }}>Healthy</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {apps.map((a) => {
                  const c = appCondition(a);
                  return (
                    <tr key={a.id} data-app={a.id}>
                      <td>
                        <a href={links.service(a.id)}>{a.id}</a>
                      </td>
                      <td class="mono">{a.version}</td>
                      <td class="right num">
                        {a.healthy}/{a.instances}
                      </td>
                      <td title={c.text} data-app-status style={{ whiteSpace: 'normal', padding: '6px 12px' }}>
                        <Badge tone={c.tone}>{c.tone === 'ok' ? 'healthy' : c.tone === 'info' ? 'deploying' : 'attention'}</Badge> {c.tone === 'ok' ? '' : c.text}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

interface AppData {
  app: AppJson;
  deployments: DeploymentJson[];
  endpoints: EndpointJson[];
}

/** `#/services/<app>`: one app. */
export function ServicePage(props: { store: ClusterStore; appId: string; now: number }) {
  const { appId, now } = props;
  const feed = useFrameworkFeed<AppData>(props.store, 'services', `app:${appId}`, async (id, signal) => {
    const path = `/v1/apps/${encodeURIComponent(appId)}`;
    const [app, { deployments }, { endpoints }] = await Promise.all([
      frameworkGet<AppJson>(id, path, signal),
      frameworkGet<{ deployments: DeploymentJson[] }>(id, '/v1/deployments', signal),
      frameworkGet<{ endpoints: EndpointJson[] }>(id, `${path}/endpoints`, signal),
    ]);
    return { app, deployments: deployments.filter((d) => d.appId === appId).slice(0, 10), endpoints };
  });
  const data = feed.state === 'ready' || feed.state === 'error' ? feed.data : undefined;
  const app = data?.app;
  const condition = app ? appCondition(app) : undefined;
  return (
    <div data-page="service" data-state={feed.state}>
      <PageHead
        title={appId}
        crumbs={[['Services', links.services()]]}
        badge={condition && <Badge tone={condition.tone}>{condition.tone === 'ok' ? 'healthy' : condition.tone === 'info' ? 'deploying' : 'attention'}</Badge>}
        sub={condition && condition.tone !== 'ok' ? <span data-app-status>{condition.text}</span> : undefined}
      />
      <FrameworkFeedState framework={FRAMEWORK} feed={feed} what={`App ${appId}`} />
      {app && (
        <>
          <Card title="App">
            <KeyValues
              rows={[
                ['Version', <span class="mono">{app.version}{app.previousVersion ? ` (previous ${app.previousVersion})` : ''}</span>],
                ['Instances', `${app.healthy} healthy of ${app.instances} wanted, ${app.running} running`],
                ['Command', app.definition.command ? <code>{app.definition.command}</code> : undefined],
                ['Health check', app.definition.healthCheck ? `${app.definition.healthCheck.protocol ?? ''} ${app.definition.healthCheck.path ?? ''}` : 'none'],
                ['Back-off', app.backoff ? `${app.backoff.failures} failure(s) in a row` : undefined],
              ]}
            />
          </Card>
          <TableCard
            title="Instances"
            items={app.tasks}
            empty="No live instances."
            table="instances"
            columns={[['Instance', '20%'], ['Agent', '16%'], ['Host:port', '16%'], ['Version', '70px'], ['Health', '120px'], ['Reason']]}
            row={(t) => (
              <tr key={t.instanceId} data-instance={t.instanceId}>
                <td class="mono">{t.instanceId}</td>
                <td>
                  <a href={links.agent(t.agentId)}>{t.hostname || t.host}</a>
                </td>
                <td class="mono">{t.ports.length > 0 ? `${t.host}:${t.ports.join(',')}` : t.host}</td>
                <td class="mono">{t.version}</td>
                <td>
                  <Badge tone={outcomeTone(t.status)}>{t.status}</Badge>
                </td>
                <td title={t.reason} data-reason style={{ whiteSpace: 'normal', padding: '6px 12px' }}>{t.reason ?? ''}</td>
              </tr>
            )}
          />
          {app.residents ? (
            <TableCard
              title="Volumes"
              items={app.residents}
              empty="No volumes yet."
              table="volumes"
              columns={[['Resident', '16%'], ['Agent', '14%'], ['State', '90px'], ['Instance', '16%'], ['Volumes']]}
              row={(r) => (
                <tr key={r.residentId} data-resident={r.residentId}>
                  <td class="mono">{r.residentId}</td>
                  <td>
                    <a href={links.agent(r.agentId)}>{r.hostname || r.agentId}</a>
                  </td>
                  <td>{r.state}</td>
                  <td class="mono">{r.instanceId ?? ''}</td>
                  <td style={{ whiteSpace: 'normal', padding: '6px 12px' }} data-volumes>
                    {r.volumes.map((v) => `${v.persistenceId} at ${v.containerPath}, ${v.sizeMb} MB ${v.mode}`).join('; ')}
                    {r.waiting ? <div data-waiting>{r.waiting}</div> : null}
                  </td>
                </tr>
              )}
            />
          ) : null}
          <Card title="Endpoints" count={data.endpoints.length}>
            {data.endpoints.length === 0 ? (
              <Empty>No healthy instance serves yet.</Empty>
            ) : (
              <ul class="mono" data-endpoints>
                {data.endpoints.map((e) => (
                  <li key={e.instanceId}>{e.address}</li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Deployments" count={data.deployments.length}>
            {data.deployments.length === 0 && <Empty>No deployments kept for this app.</Empty>}
            {data.deployments.map((d) => (
              <div key={d.id} class="deployment" data-deployment={d.id} data-status={d.status}>
                <div>
                  <Badge tone={outcomeTone(d.status)}>{d.status}</Badge> <strong>{d.kind}</strong>{' '}
                  <span class="mono">{d.fromVersion && d.fromVersion !== d.toVersion ? `${d.fromVersion} → ${d.toVersion}` : d.toVersion}</span>{' '}
                  <span class="muted">
                    started {formatAgo(ms(d.startedAt), now)}
                    {d.endedAt ? `, ended ${formatAgo(ms(d.endedAt), now)}` : ''}
                  </span>
                </div>
                {d.status === 'running' && d.progress && <div data-progress>{d.progress}</div>}
                <ol class="muted" data-steps>
                  {d.events.map((e, i) => (
                    <li key={i}>
                      {new Date(e.at).toISOString().slice(11, 19)} {e.message}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </Card>
          <TableCard
            title="Recently ended instances"
            items={app.ended}
            empty="No instance has ended."
            table="ended"
            columns={[['Instance', '20%'], ['Version', '70px'], ['State', '130px'], ['Ended', '100px'], ['Reason']]}
            row={(e) => (
              <tr key={e.instanceId} data-ended={e.instanceId}>
                <td class="mono">{e.instanceId}</td>
                <td class="mono">{e.version}</td>
                <td>{e.state}</td>
                <td>{formatAgo(ms(e.endedAt), now)}</td>
                <td title={e.reason ?? e.message} data-reason style={{ whiteSpace: 'normal', padding: '6px 12px' }}>{e.reason ?? e.message ?? ''}</td>
              </tr>
            )}
          />
        </>
      )}
    </div>
  );
}
