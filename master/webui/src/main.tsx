/** Entry point: mount the UI. */
import { render } from 'preact';
import { App } from './app';
import { ClusterStore } from './model/store';
import './styles.css';

const store = new ClusterStore();
// Exposed for tests and benchmarks (read-only use): counts, versions.
(window as unknown as { meseta: { store: ClusterStore } }).meseta = { store };
render(<App store={store} />, document.getElementById('app')!);
