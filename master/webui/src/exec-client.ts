/**
 * The browser's end of a debug session (`POST api/v1/exec`, see
 * master/http-exec.ts): one long request whose answer streams the
 * session's output as JSON lines, and short requests that send what is
 * typed, the terminal's size and signals, in order. Aborting the long
 * request (closing the terminal, leaving the page, closing the tab) ends
 * the session on the agent.
 */

/** What the session reports. */
export interface ExecHandlers {
  output(bytes: Uint8Array): void;
  /** The command ended (or the session was closed). */
  exited(text: string): void;
  /** Refused or broken, with the master's or agent's reason. */
  failed(text: string): void;
}

/** An open session. */
export interface ExecConnection {
  send(data: string): void;
  resize(rows: number, columns: number): void;
  /** End it (the command is killed). */
  close(): void;
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The sentence for how a command ended. */
export function exitText(exited: { exit_code?: number; signal?: number; message?: string }): string {
  const how = exited.message || (exited.signal ? `killed by signal ${exited.signal}` : `exit code ${exited.exit_code ?? 0}`);
  return `session ended: ${how}`;
}

/** Open a session on a terminal of `rows` × `columns` in a running task. */
export function openExec(target: { frameworkId: string; taskId: string; command?: string[] }, size: { rows: number; columns: number }, on: ExecHandlers): ExecConnection {
  const abort = new AbortController();
  let session: string | undefined;
  let ended = false;
  // Inputs wait for the session id, then go one after another (typed order).
  let queue: Promise<unknown> = Promise.resolve();
  const pending: object[] = [];
  const post = (body: object): void => {
    if (ended) return;
    if (!session) {
      pending.push(body);
      return;
    }
    const id = session;
    queue = queue.then(() =>
      fetch(`api/v1/exec/${encodeURIComponent(id)}/input`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => undefined),
    );
  };
  const end = (report: () => void): void => {
    if (ended) return;
    ended = true;
    report();
  };

  void (async () => {
    let response: Response;
    try {
      response = await fetch('api/v1/exec', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
        body: JSON.stringify({ framework_id: target.frameworkId, task_id: target.taskId, rows: size.rows, columns: size.columns, ...(target.command ? { command: target.command } : {}) }),
        signal: abort.signal,
      });
    } catch (e) {
      if (!abort.signal.aborted) end(() => on.failed(`the master did not answer (${(e as Error).message})`));
      return;
    }
    if (!response.ok || !response.body) {
      let message = `${response.status} ${response.statusText}`;
      try {
        message = ((await response.json()) as { error?: string }).error ?? message;
      } catch {
        // the status line says it
      }
      end(() => on.failed(`Refused (${response.status}): ${message}`));
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (!line) continue;
          const msg = JSON.parse(line) as { session?: string; output?: string; exited?: { exit_code?: number; signal?: number; message?: string }; error?: { code: string; message: string } };
          if (msg.session) {
            session = msg.session;
            for (const body of pending.splice(0)) post(body);
          }
          if (msg.output) on.output(fromBase64(msg.output));
          if (msg.exited) end(() => on.exited(exitText(msg.exited!)));
          if (msg.error) end(() => on.failed(`${msg.error!.message} (${msg.error!.code})`));
        }
      }
      end(() => on.exited('session ended'));
    } catch (e) {
      if (!abort.signal.aborted) end(() => on.failed(`the connection to the master broke (${(e as Error).message})`));
    }
  })();

  return {
    send: (data) => post({ data }),
    resize: (rows, columns) => post({ resize: { rows, columns } }),
    close: () => {
      ended = true;
      abort.abort();
    },
  };
}
