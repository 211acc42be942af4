/**
 * Waiting for a full socket: resolves on `drain` or `close`, whichever
 * comes first, and takes the other listener off again. (Leaving a `close`
 * listener behind at every drain piled up thousands on one response of a
 * 200 MB `/state`, each kept until the response closed, with Node's
 * MaxListenersExceededWarning in the master's log.)
 */

/** What can be waited on: a response, a socket, or a stand-in in tests. */
export interface DrainableSink {
  once(event: 'drain' | 'close', listener: () => void): unknown;
  /** Takes a listener off (Node's streams have it; a stand-in may not). */
  off?(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Resolves when `out` drained or closed. */
export function drainOrClose(out: DrainableSink): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      out.off?.('drain', done);
      out.off?.('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}
