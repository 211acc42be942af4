/**
 * A debug session in a Docker container through the Engine API:
 * `POST /containers/{id}/exec`, then `POST /exec/{id}/start` on a hijacked
 * connection carrying stdin up and the multiplexed stdout/stderr down;
 * closing our write side closes the process's stdin. The exit code comes
 * from `GET /exec/{id}/json` once the stream ends. With `tty` the exec
 * gets Docker's terminal (`Tty`, sized by `ConsoleSize` and
 * `POST /exec/{id}/resize`) and the stream is its raw output.
 */
import { PassThrough, Writable } from 'node:stream';
import type { ExecExit, ExecRequest, ExecSession } from '../containerizer';
import { terminationMessage } from '../containerizer';
import type { DockerEngine } from './docker-engine';
import { DockerStreamDemuxer } from './docker-stream';
import { environmentList } from './container-process';
import { CONTAINER_SANDBOX } from './oci-bundle';
import { signalFromStatus } from './exit-status';

/** Start `request` in the Docker container `dockerId`. */
export async function dockerExecSession(engine: DockerEngine, dockerId: string, request: ExecRequest, sandboxMounted: boolean): Promise<ExecSession> {
  const created = await engine.call<{ Id: string }>('POST', `/containers/${dockerId}/exec`, {
    json: {
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: request.tty !== undefined,
      ...(request.tty ? { ConsoleSize: [request.tty.rows, request.tty.columns] } : {}),
      Cmd: request.args,
      Env: environmentList(request.env ?? {}),
      WorkingDir: request.cwd ?? (sandboxMounted ? CONTAINER_SANDBOX : undefined),
    },
  });
  const execId = created.body.Id;
  const tty = request.tty !== undefined;
  const socket = await engine.hijack(`/exec/${execId}/start`, { Detach: false, Tty: tty });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const resize = (size: { rows: number; columns: number }): void => {
    void engine.call('POST', `/exec/${execId}/resize`, { query: { h: size.rows, w: size.columns } }).catch(() => undefined);
  };
  if (tty) {
    // On a terminal the stream is the terminal's raw output, not multiplexed.
    socket.on('data', (chunk: Buffer) => stdout.write(chunk));
    resize(request.tty!);
  } else {
    const demuxer = new DockerStreamDemuxer((stream, payload) => {
      if (stream === 'stderr') stderr.write(payload);
      else stdout.write(payload);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        demuxer.push(chunk);
      } catch (e) {
        socket.destroy(e as Error);
      }
    });
  }
  const stdin = new Writable({
    write(chunk, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end(); // half-close: the process reads end-of-file
      callback();
    },
  });
  const exited = new Promise<ExecExit>((resolve) => {
    let done = false;
    const finish = async (): Promise<void> => {
      if (done) return;
      done = true;
      stdout.end();
      stderr.end();
      try {
        const inspected = await engine.call<{ ExitCode: number | null; Running: boolean }>('GET', `/exec/${execId}/json`);
        const code = inspected.body.ExitCode ?? undefined;
        const signal = signalFromStatus(code);
        resolve(signal ? { exitCode: code, signal, message: terminationMessage(undefined, signal) } : { exitCode: code, message: terminationMessage(code, undefined) });
      } catch (e) {
        resolve({ message: `the session ended but its exit code is unknown: ${(e as Error).message}` });
      }
    };
    socket.on('end', () => void finish());
    socket.on('close', () => void finish());
    socket.on('error', () => void finish());
  });
  return {
    stdin,
    stdout,
    stderr,
    exited,
    ...(tty ? { resize } : {}),
    kill: (signal) => {
      // The Engine API cannot signal an exec; its process is signalled by its host pid.
      void engine.call<{ Pid?: number }>('GET', `/exec/${execId}/json`).then(
        (inspected) => {
          if (inspected.body.Pid) {
            try {
              process.kill(inspected.body.Pid, signal);
            } catch {
              // already gone
            }
          }
        },
        () => undefined,
      );
    },
  };
}
