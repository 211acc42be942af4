/**
 * The application shell: header with navigation and the feed's state,
 * and the page the route names. The store is patched by the event stream;
 * the shell re-renders at most once per animation frame.
 */
import { useEffect, useState } from 'preact/hooks';
import { ClusterStore } from './model/store';
import { NAVIGATION, sectionOf, type Route } from './model/router';
import { connectLive, type ConnectionState } from './live';
import { useNow, useRoute } from './hooks';
import { Card, Empty, Logo, PageHead } from './components/common';
import { OverviewPage } from './pages/overview';
import { AgentPage, AgentsPage } from './pages/agents';
import { FrameworkPage, FrameworksPage } from './pages/frameworks';
import { TasksPage } from './pages/tasks';
import { TaskPage } from './pages/task';
import { OffersPage } from './pages/offers';
import { RolesPage } from './pages/roles';
import { ServicePage, ServicesPage } from './pages/services';
import { JobPage, JobsPage } from './pages/jobs';

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
};

function Page(props: { route: Route; store: ClusterStore; now: number }) {
  const { route, store, now } = props;
  switch (route.page) {
    case 'overview':
      return <OverviewPage store={store} now={now} />;
    case 'agents':
      return <AgentsPage store={store} query={route.query} now={now} />;
    case 'agent':
      return <AgentPage store={store} agentId={route.agentId} query={route.query} now={now} />;
    case 'frameworks':
      return <FrameworksPage store={store} query={route.query} now={now} />;
    case 'framework':
      return <FrameworkPage store={store} frameworkId={route.frameworkId} query={route.query} now={now} />;
    case 'tasks':
      return <TasksPage store={store} query={route.query} now={now} />;
    case 'task':
      return <TaskPage store={store} frameworkId={route.frameworkId} taskId={route.taskId} query={route.query} now={now} />;
    case 'offers':
      return <OffersPage store={store} query={route.query} now={now} />;
    case 'roles':
      return <RolesPage store={store} query={route.query} />;
    case 'services':
      return <ServicesPage store={store} now={now} />;
    case 'service':
      return <ServicePage store={store} appId={route.appId} now={now} />;
    case 'jobs':
      return <JobsPage store={store} now={now} />;
    case 'job':
      return <JobPage store={store} jobId={route.jobId} now={now} />;
    default:
      return (
        <div data-page="not-found">
          <PageHead title="Page not found" />
          <Card>
            <Empty>
              There is no page <code>{route.path}</code>. <a href="#/">Back to the overview</a>.
            </Empty>
          </Card>
        </div>
      );
  }
}

/** The whole UI. */
export function App(props: { store: ClusterStore }) {
  const { store } = props;
  const route = useRoute();
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [, setRevision] = useState(0);
  const localNow = useNow(1000);

  useEffect(() => {
    let frame = 0;
    const changed = (): void => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setRevision((r) => r + 1);
      });
    };
    const close = connectLive(store, changed, setConnection);
    return () => {
      close();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store]);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route.page, (route as { agentId?: string }).agentId, (route as { frameworkId?: string }).frameworkId, (route as { taskId?: string }).taskId]);

  // For benchmarks and tests: when the first data was on screen (effects run after the paint).
  useEffect(() => {
    if (store.loaded && performance.getEntriesByName('meseta:first-render').length === 0) performance.mark('meseta:first-render');
  });

  const section = sectionOf(route);
  const now = store.serverNow(localNow);
  const title = store.summary ? `${store.summary.leader}` : '';
  useEffect(() => {
    const label = NAVIGATION.find((n) => n.page === section)?.label ?? 'Meseta';
    document.title = title ? `${label} · Meseta ${title}` : `${label} · Meseta`;
  }, [section, title]);

  return (
    <>
      <header class="header">
        <a class="brand" href="#/">
          <Logo />
          Meseta
        </a>
        <nav class="nav" aria-label="Pages">
          {NAVIGATION.map((n) => (
            <a key={n.page} href={n.href} class={n.page === section ? 'active' : ''} aria-current={n.page === section ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <div class="connection" data-connection={connection} title="Changes are pushed by the master as they happen">
          <span class={`dot ${connection}`} />
          <span>{CONNECTION_TEXT[connection]}</span>
          {store.summary && <span class="mono">{store.summary.leader}</span>}
        </div>
      </header>
      <main class="main">
        {store.loaded || route.page === 'not-found' ? <Page route={route} store={store} now={now} /> : <div class="loading">Connecting to the master…</div>}
      </main>
    </>
  );
}
