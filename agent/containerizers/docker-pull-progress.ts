/**
 * Reading the Docker Engine's pull stream (`POST /images/create` answers
 * one JSON object a line) (pure): layers done of layers seen, the error it
 * ends with, and what kind of failure that error is.
 */

/** How far a pull is. */
export interface DockerPullState {
  layersDone: number;
  layersTotal: number;
  /** The stream's error message, when it ended with one. */
  error?: string;
}

const LAYER_STATUSES = /^(Pulling fs layer|Waiting|Downloading|Verifying Checksum|Download complete|Extracting|Pull complete|Already exists|Retrying)/;
const DONE_STATUSES = /^(Pull complete|Already exists)/;

/** Follows one pull's progress lines. */
export class DockerPullProgress {
  private readonly layers = new Set<string>();
  private readonly done = new Set<string>();
  private error?: string;
  private partial = '';

  /** Feed a chunk of the stream; true when the layers done/total changed. */
  feed(chunk: string): boolean {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    let changed = false;
    for (const line of lines) changed = this.line(line) || changed;
    return changed;
  }

  /** The stream ended: read what is left. */
  end(): boolean {
    const changed = this.line(this.partial);
    this.partial = '';
    return changed;
  }

  private line(line: string): boolean {
    if (!line.trim()) return false;
    let message: { status?: string; id?: string; error?: string; errorDetail?: { message?: string } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return false;
    }
    if (message.error || message.errorDetail?.message) {
      this.error ??= message.errorDetail?.message ?? message.error;
      return false;
    }
    const id = message.id;
    const status = message.status ?? '';
    if (!id || !LAYER_STATUSES.test(status)) return false;
    const before = `${this.done.size}/${this.layers.size}`;
    this.layers.add(id);
    if (DONE_STATUSES.test(status)) this.done.add(id);
    return before !== `${this.done.size}/${this.layers.size}`;
  }

  state(): DockerPullState {
    return { layersDone: this.done.size, layersTotal: this.layers.size, error: this.error };
  }
}

/** The kind of a pull failure from the daemon's message. */
export function dockerPullFailure(message: string): 'not found' | 'unauthorized' | 'registry unreachable' | 'failed' {
  if (/unauthorized|authentication required|no basic auth credentials|access denied|denied:|incorrect username or password/i.test(message)) return 'unauthorized';
  if (/not found|manifest unknown|does not exist|repository name not known/i.test(message)) return 'not found';
  if (/connection refused|no such host|dial tcp|i\/o timeout|timeout|tls|server gave http response|network is unreachable|no route to host/i.test(message)) return 'registry unreachable';
  return 'failed';
}
