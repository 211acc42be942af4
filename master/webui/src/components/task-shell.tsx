/**
 * "Open shell" on a running task's page: a terminal (xterm.js, loaded only
 * when opened) attached to a debug session in the task's container through
 * the master. Closing it, leaving the page or closing the tab ends the
 * session on the agent.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { openExec, type ExecConnection } from '../exec-client';
import { Card } from './common';
import '@xterm/xterm/css/xterm.css';

/** The terminal card; `onClose` when the user closes it. */
export function TaskShell(props: { frameworkId: string; taskId: string; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('connecting…');
  const [state, setState] = useState<'connecting' | 'open' | 'ended' | 'failed'>('connecting');

  useEffect(() => {
    let disposed = false;
    let connection: ExecConnection | undefined;
    let cleanup: (() => void) | undefined;
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !box.current) return;
      const term = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false, scrollback: 2000 });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(box.current);
      fit.fit();
      connection = openExec({ frameworkId: props.frameworkId, taskId: props.taskId }, { rows: term.rows, columns: term.cols }, {
        output: (bytes) => {
          setState('open');
          setStatus(`shell in task ${props.taskId}`);
          term.write(bytes);
        },
        exited: (text) => {
          setState('ended');
          setStatus(text);
        },
        failed: (text) => {
          setState('failed');
          setStatus(text);
        },
      });
      const typed = term.onData((data) => connection?.send(data));
      const resized = term.onResize(({ rows, cols }) => connection?.resize(rows, cols));
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(box.current);
      term.focus();
      cleanup = () => {
        observer.disconnect();
        typed.dispose();
        resized.dispose();
        term.dispose();
      };
    })().catch((e: Error) => {
      setState('failed');
      setStatus(`the terminal could not start: ${e.message}`);
    });
    return () => {
      disposed = true;
      connection?.close();
      cleanup?.();
    };
  }, [props.frameworkId, props.taskId]);

  return (
    <Card
      title="Shell"
      class="terminal-card"
      actions={
        <button type="button" class="button small" data-action="close-shell" onClick={props.onClose}>
          Close
        </button>
      }
      flush
    >
      <div class="terminal" ref={box} data-terminal />
      <div class={`terminal-status ${state}`} data-terminal-status={state} role="status">
        {status}
      </div>
    </Card>
  );
}
