/**
 * A task's sandbox on its agent, read through the master's files proxy:
 * browse directories, view a file, follow a file as it grows. The follow
 * view appends text nodes in animation frames and keeps at most
 * {@link TAIL_MAX_LINES} lines, so a task printing thousands of lines a
 * second does not freeze the page. Paths outside the sandbox are refused
 * by the agent and the refusal is shown.
 */
import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiFileEntry } from '../../../http-ui-types';
import { api, ApiError } from '../api';
import { formatBytes, formatNumber, formatTimestamp, utf8Length } from '../model/format';
import { links } from '../model/router';
import { TAIL_MAX_LINES, TAIL_READ_BYTES, TailBuffer, consumeRead, tailStart } from '../model/tail';
import { ErrorBox } from '../components/common';
import { VirtualTable } from '../components/virtual-table';

/** Bytes shown at once when viewing a file. */
const VIEW_BYTES = 256 * 1024;

interface SandboxProps {
  agentId: string;
  frameworkId: string;
  taskId: string;
  /** The sandbox root on the agent (`frameworks/<f>/tasks/<t>/runs/latest`). */
  root: string;
  query: Record<string, string>;
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : `could not read: ${(e as Error).message}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The path as links, from the sandbox root down. */
function PathLinks(props: SandboxProps & { path: string }) {
  const { root, path } = props;
  const inside = path.startsWith(root) ? path.slice(root.length).split('/').filter((s) => s !== '') : [];
  const parts: Array<[string, string]> = [['sandbox', root]];
  let at = root;
  for (const segment of inside) {
    at = `${at}/${segment}`;
    parts.push([segment, at]);
  }
  if (!path.startsWith(root)) parts.push([path, path]);
  return (
    <div class="path" data-path={path}>
      {parts.map(([label, target], i) => (
        <>
          {i > 0 && <span>/</span>}
          <a href={links.task(props.frameworkId, props.taskId, { files: target })}>{label}</a>
        </>
      ))}
    </div>
  );
}

function Browse(props: SandboxProps & { path: string }) {
  const [entries, setEntries] = useState<UiFileEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    setEntries(undefined);
    setError(undefined);
    api.browse(props.agentId, props.path, abort.signal).then(setEntries, (e) => {
      if ((e as Error).name !== 'AbortError') setError(errorText(e));
    });
    return () => abort.abort();
  }, [props.agentId, props.path]);
  const link = (key: string, path: string): string => links.task(props.frameworkId, props.taskId, { [key]: path });
  return (
    <>
      <div class="card-body">
        <PathLinks {...props} />
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      {!error && !entries && <div class="loading">Listing…</div>}
      {entries && (
        <VirtualTable<UiFileEntry>
          name="sandbox"
          label="Sandbox files"
          wrapClass="short"
          rows={entries}
          rowKey={(e) => e.path}
          minWidth="640px"
          empty="This directory is empty."
          columns={[
            {
              key: 'name', label: 'Name', width: '34%', title: (e) => e.path,
              render: (e) => <a href={e.is_dir ? link('files', e.path) : link('view', e.path)} data-entry={e.name}>{e.is_dir ? `${e.name}/` : e.name}</a>,
            },
            { key: 'size', label: 'Size', width: '100px', align: 'right', render: (e) => (e.is_dir ? '–' : formatBytes(e.size)) },
            { key: 'mode', label: 'Mode', width: '110px', render: (e) => <span class="mono">{e.mode}</span> },
            { key: 'mtime', label: 'Modified (UTC)', width: '170px', render: (e) => <span class="muted">{formatTimestamp(e.mtime)}</span> },
            {
              key: 'actions', label: '', width: '140px', sortable: false,
              render: (e) => (e.is_dir ? null : (
                <>
                  <a href={link('view', e.path)}>view</a> · <a href={link('follow', e.path)}>follow</a>
                </>
              )),
            },
          ]}
        />
      )}
    </>
  );
}

function View(props: SandboxProps & { path: string }) {
  const [text, setText] = useState('');
  const [next, setNext] = useState(0);
  const [size, setSize] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = async (offset: number, signal?: AbortSignal): Promise<void> => {
    try {
      const end = await api.read(props.agentId, props.path, -1, undefined, signal);
      setSize(end.offset);
      const chunk = await api.read(props.agentId, props.path, offset, VIEW_BYTES, signal);
      const full = utf8Length(chunk.data) >= VIEW_BYTES;
      const read = consumeRead(offset, chunk.data, { full });
      setText((before) => (offset === 0 ? read.text : before + read.text));
      setNext(read.nextOffset);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(errorText(e));
    }
  };
  useEffect(() => {
    const abort = new AbortController();
    setText('');
    setError(undefined);
    void load(0, abort.signal);
    return () => abort.abort();
  }, [props.agentId, props.path]);
  return (
    <>
      <div class="card-body log-status">
        <PathLinks {...props} />
        <span>{size !== undefined && `${formatBytes(size)}`}</span>
        <a class="button" href={links.task(props.frameworkId, props.taskId, { follow: props.path })}>Follow</a>
      </div>
      {error ? <ErrorBox>{error}</ErrorBox> : <pre class="log" data-view={props.path}>{text}</pre>}
      {!error && size !== undefined && next < size && (
        <div class="table-foot">
          Showing {formatBytes(next)} of {formatBytes(size)}.{' '}
          <button class="button" onClick={() => void load(next)}>Load more</button>
        </div>
      )}
    </>
  );
}

/** A <pre> that Preact renders once; the tail writes into it directly. */
class LogScreen extends Component<{ onMount: (pre: HTMLPreElement | null) => void; path: string }> {
  override shouldComponentUpdate(): boolean {
    return false;
  }
  override render() {
    return <pre class="log" data-follow={this.props.path} ref={(el) => this.props.onMount(el)} />;
  }
}

/** Follow a growing file. */
function Follow(props: SandboxProps & { path: string }) {
  const pre = useRef<HTMLPreElement | null>(null);
  const [status, setStatus] = useState({ lines: 0, bytes: 0, rate: 0, error: '' });
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  followingRef.current = following;

  useEffect(() => {
    let stopped = false;
    const buffer = new TailBuffer(TAIL_MAX_LINES);
    let pending = '';
    let frame = 0;
    let totalLines = 0;
    let bytes = 0;
    let rateLines = 0;
    let rateSince = performance.now();
    let rate = 0;
    let lastStatus = 0;

    const paint = (): void => {
      frame = 0;
      const el = pre.current;
      if (!el || pending === '') return;
      const { text, drop } = buffer.append(pending);
      pending = '';
      for (let i = 0; i < drop && el.firstChild; i++) el.removeChild(el.firstChild);
      el.appendChild(document.createTextNode(text));
      if (followingRef.current) el.scrollTop = el.scrollHeight;
    };
    const report = (force = false): void => {
      const t = performance.now();
      if (t - rateSince >= 1000) {
        rate = (rateLines * 1000) / (t - rateSince);
        rateLines = 0;
        rateSince = t;
      }
      if (force || t - lastStatus > 500) {
        lastStatus = t;
        setStatus({ lines: totalLines, bytes, rate, error: '' });
      }
    };

    const run = async (): Promise<void> => {
      while (!stopped) {
        try {
          const end = await api.read(props.agentId, props.path, -1);
          let offset = tailStart(end.offset);
          let dropPartial = offset > 0;
          while (!stopped) {
            const chunk = await api.read(props.agentId, props.path, offset, TAIL_READ_BYTES);
            if (stopped) return;
            const full = utf8Length(chunk.data) >= TAIL_READ_BYTES;
            const read = consumeRead(offset, chunk.data, { full, dropPartialFirstLine: dropPartial });
            dropPartial = false;
            bytes += read.nextOffset - offset;
            offset = read.nextOffset;
            if (read.text !== '') {
              let n = 0;
              for (let i = read.text.indexOf('\n'); i >= 0; i = read.text.indexOf('\n', i + 1)) n++;
              totalLines += n;
              rateLines += n;
              pending += read.text;
              if (!frame) frame = requestAnimationFrame(paint);
            }
            report();
            if (!full) await sleep(250);
          }
        } catch (e) {
          if (stopped) return;
          setStatus((s) => ({ ...s, error: errorText(e) }));
          if (e instanceof ApiError && (e.status === 400 || e.status === 403 || e.status === 404 || e.status === 410)) return;
          await sleep(2000);
        }
      }
    };
    void run();
    return () => {
      stopped = true;
      if (frame) cancelAnimationFrame(frame);
    };
  }, [props.agentId, props.path]);

  const onScroll = (): void => {
    const el = pre.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atEnd !== followingRef.current) setFollowing(atEnd);
  };
  useEffect(() => {
    const el = pre.current;
    el?.addEventListener('scroll', onScroll, { passive: true });
    return () => el?.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <>
      <div class="card-body log-status">
        <PathLinks {...props} />
        <span class="num" data-tail-status>
          {formatNumber(status.lines)} lines · {formatBytes(status.bytes)} · {formatNumber(status.rate, 0)} lines/s
        </span>
        <span>{following ? 'following' : 'paused (scrolled up)'}</span>
        {!following && (
          <button
            class="button"
            onClick={() => {
              setFollowing(true);
              if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
            }}
          >
            Jump to end
          </button>
        )}
        <span class="muted">last {formatNumber(TAIL_MAX_LINES)} lines kept</span>
      </div>
      {status.error && <ErrorBox>{status.error}</ErrorBox>}
      <LogScreen path={props.path} onMount={(el) => (pre.current = el)} />
    </>
  );
}

/** The sandbox card's content: browse, view or follow, from the route's query. */
export function Sandbox(props: SandboxProps) {
  const { query, root } = props;
  if (query.follow) return <Follow {...props} path={query.follow} />;
  if (query.view) return <View {...props} path={query.view} />;
  return <Browse {...props} path={query.files || root} />;
}
