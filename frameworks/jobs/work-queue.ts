/**
 * Work-queue bookkeeping: items wait, are leased to one worker at a time,
 * and get exactly one recorded result. A lease ends when its worker posts
 * the result, reports a failure (the item waits again, up to `maxAttempts`),
 * is lost (its task ended or its agent went away), or runs out. A result
 * for an item that already has one is acknowledged and dropped, so an item
 * processed twice (at least once) is still recorded once. Pure: the records
 * are plain JSON kept in the framework's state; time is passed in.
 */

/** One item. */
export interface QueueItem {
  id: string;
  payload: string;
  status: 'pending' | 'leased' | 'done' | 'failed';
  attempts: number;
  leasedBy?: string;
  leaseExpiresAt?: number;
  result?: string;
  /** Worker whose result was recorded. */
  recordedBy?: string;
  recordedAt?: number;
  error?: string;
}

/** The items of one queue and their counters. */
export interface QueueBook {
  items: Record<string, QueueItem>;
  /** Ids in submission order (leases go oldest first). */
  order: string[];
  /** Index into `order` below which no item is pending (a hint; items can return). */
  cursor: number;
  /** Results accepted (one per item). */
  recorded: number;
  /** Results that arrived for an item already recorded, and were dropped. */
  duplicates: number;
}

/** A new, empty book. */
export function emptyQueueBook(): QueueBook {
  return { items: {}, order: [], cursor: 0, recorded: 0, duplicates: 0 };
}

/** Add items (ids must be new); returns how many were added. */
export function addItems(book: QueueBook, items: ReadonlyArray<{ id: string; payload: string }>): number {
  let added = 0;
  for (const { id, payload } of items) {
    if (book.items[id]) continue;
    book.items[id] = { id, payload, status: 'pending', attempts: 0 };
    book.order.push(id);
    added++;
  }
  return added;
}

/** Lease the oldest pending item to `worker` until `now + leaseMs`. */
export function leaseItem(book: QueueBook, worker: string, now: number, leaseMs: number): QueueItem | undefined {
  expireLeases(book, now);
  for (let i = book.cursor; i < book.order.length; i++) {
    const item = book.items[book.order[i]];
    if (item.status !== 'pending') {
      if (i === book.cursor && (item.status === 'done' || item.status === 'failed')) book.cursor++;
      continue;
    }
    item.status = 'leased';
    item.leasedBy = worker;
    item.leaseExpiresAt = now + leaseMs;
    item.attempts++;
    return item;
  }
  return undefined;
}

/** What happened to a posted result. */
export type RecordOutcome = 'recorded' | 'duplicate' | 'unknown-item';

/** Record `result` for an item (from any worker: the first result wins). */
export function recordResult(book: QueueBook, itemId: string, worker: string, result: string, now: number): RecordOutcome {
  const item = book.items[itemId];
  if (!item) return 'unknown-item';
  if (item.status === 'done' || item.status === 'failed') {
    book.duplicates++;
    return 'duplicate';
  }
  item.status = 'done';
  item.result = result;
  item.recordedBy = worker;
  item.recordedAt = now;
  delete item.leasedBy;
  delete item.leaseExpiresAt;
  book.recorded++;
  return 'recorded';
}

/** A worker could not process an item: it waits again, or fails for good after `maxAttempts`. */
export function failItem(book: QueueBook, itemId: string, worker: string, error: string, maxAttempts: number): QueueItem | undefined {
  const item = book.items[itemId];
  if (!item || item.status !== 'leased' || item.leasedBy !== worker) return undefined;
  delete item.leasedBy;
  delete item.leaseExpiresAt;
  if (item.attempts >= maxAttempts) {
    item.status = 'failed';
    item.error = error;
    book.recorded++;
  } else {
    item.status = 'pending';
    book.cursor = Math.min(book.cursor, book.order.indexOf(itemId));
  }
  return item;
}

/** Leased items for which `ends` is true wait again (their lease ends). Returns their ids. */
function endLeases(book: QueueBook, ends: (item: QueueItem) => boolean): string[] {
  const ended: string[] = [];
  book.order.forEach((id, index) => {
    const item = book.items[id];
    if (item.status !== 'leased' || !ends(item)) return;
    item.status = 'pending';
    delete item.leasedBy;
    delete item.leaseExpiresAt;
    book.cursor = Math.min(book.cursor, index);
    ended.push(id);
  });
  return ended;
}

/** A worker is gone: its leased items wait again. Returns their ids. */
export function releaseWorker(book: QueueBook, worker: string): string[] {
  return endLeases(book, (item) => item.leasedBy === worker);
}

/** Leases past their time wait again. Returns their ids. */
export function expireLeases(book: QueueBook, now: number): string[] {
  return endLeases(book, (item) => (item.leaseExpiresAt ?? Infinity) <= now);
}

/** Counts by status. */
export function queueCounts(book: QueueBook): { total: number; pending: number; leased: number; done: number; failed: number } {
  const counts = { total: book.order.length, pending: 0, leased: 0, done: 0, failed: 0 };
  for (const id of book.order) counts[book.items[id].status]++;
  return counts;
}

/** True when every item has its result (or failed for good). */
export function queueFinished(book: QueueBook): boolean {
  const c = queueCounts(book);
  return c.total > 0 && c.pending === 0 && c.leased === 0;
}
