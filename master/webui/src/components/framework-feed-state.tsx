/**
 * What a framework page shows instead of its data: "looking for" the
 * framework, "not running" with the command that starts it, or the error
 * of the read. Shared by the services and jobs pages.
 */
import type { FrameworkFeed } from '../framework-feed';
import { Empty, ErrorBox } from './common';

/** Which framework a page reads, and how a user starts it. */
export interface FrameworkKind {
  /** `services` or `jobs` (also the `data-framework-absent` value tests look for). */
  kind: string;
  /** Its command, e.g. `meseta-services`. */
  command: string;
  /** What it lists once it runs, e.g. `apps`. */
  items: string;
}

/** "Looking", "not running" or the read's error; null when there is data to show. */
export function FrameworkFeedState<T>(props: { feed: FrameworkFeed<T>; what: string; framework: FrameworkKind }) {
  const { feed, framework } = props;
  if (feed.state === 'looking') return <Empty>Looking for the {framework.kind} framework…</Empty>;
  if (feed.state === 'absent') {
    return (
      <div data-framework-absent={framework.kind}>
        <Empty>
          The {framework.kind} framework is not running. Start it with <code>{framework.command} serve --master &lt;this master&gt;</code>; its {framework.items} show
          here once it subscribes.
        </Empty>
      </div>
    );
  }
  if (feed.state === 'error') return <ErrorBox>{props.what} could not be read from {feed.name}: {feed.error}</ErrorBox>;
  return null;
}
