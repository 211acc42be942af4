/**
 * Server-sent events read from a byte stream, as the WHATWG rules say
 * (`event:`, `id:`, `data:` lines, a blank line ends an event, `:` starts
 * a comment). Pure: feed it text, it hands back whole events.
 */

/** One event. */
export interface SseEvent {
  /** `message` when the server named none. */
  event: string;
  /** The last `id:` seen on this stream (what a reconnect sends as `Last-Event-ID`). */
  id: string;
  data: string;
}

/** Split text chunks into events. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private lastId = '';

  /** The last event id seen. */
  get id(): string {
    return this.lastId;
  }

  /** Add a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const nl = this.buffer.indexOf('\n', start);
      if (nl < 0) break;
      let line = this.buffer.slice(start, nl);
      start = nl + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', id: this.lastId, data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }
}
