/** Identifier helpers shared by master, agent and SDK. */
import { randomBytes, randomUUID } from 'node:crypto';

/** A fresh globally-unique id, as Mesos writes them (a UUID). */
export function newId(): string {
  return randomUUID();
}

/** 16 random bytes: the uuid of a status update. */
export function newUpdateUuid(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

/** Hex form of a status-update uuid, for maps and logs. */
export function uuidKey(uuid: Uint8Array | null | undefined): string {
  if (!uuid || uuid.length === 0) return '';
  return Buffer.from(uuid.buffer, uuid.byteOffset, uuid.byteLength).toString('hex');
}

/** Convert `{ value }` id wrappers to their string, '' when absent. */
export function idOf(id: { value?: string | null } | null | undefined): string {
  return id?.value ?? '';
}

/** Seconds since the epoch, as Mesos timestamps are. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}
