/** Entry point: mount the UI (after the login page when the master asks for one). */
import { render } from 'preact';
import { App } from './app';
import { ClusterStore } from './model/store';
import { LoginPage } from './pages/login';
import { currentSession, needsLogin } from './session';
import './styles.css';

const store = new ClusterStore();
// Exposed for tests and benchmarks (read-only use): counts, versions.
(window as unknown as { meseta: { store: ClusterStore } }).meseta = { store };
const root = document.getElementById('app')!;

async function start(): Promise<void> {
  const session = await currentSession().catch(() => ({ authentication: false }) as const);
  if (needsLogin(session)) render(<LoginPage onLoggedIn={() => void start()} />, root);
  else render(<App store={store} />, root);
}
void start();
