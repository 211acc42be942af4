/**
 * The status-update uuids a driver saw recently, bounded (least recently
 * seen forgotten first), each with whether it has been acknowledged. An
 * agent re-sends an update until its acknowledgement arrives, so the same
 * uuid can come back; this is how the driver tells a re-send from news.
 */
export class RecentUpdates {
  private readonly acknowledged = new Map<string, boolean>();

  /** @param capacity how many uuids to remember */
  constructor(readonly capacity = 4096) {}

  /** How many uuids are remembered. */
  get size(): number {
    return this.acknowledged.size;
  }

  /** Whether `key` was seen, and if so whether it was acknowledged. */
  lookup(key: string): 'new' | 'pending' | 'acknowledged' {
    const acked = this.acknowledged.get(key);
    if (acked === undefined) return 'new';
    // Refresh its place as most recently seen.
    this.acknowledged.delete(key);
    this.acknowledged.set(key, acked);
    return acked ? 'acknowledged' : 'pending';
  }

  /** Remember `key` as delivered and not yet acknowledged. */
  remember(key: string): void {
    this.acknowledged.delete(key);
    this.acknowledged.set(key, false);
    while (this.acknowledged.size > this.capacity) {
      const oldest = this.acknowledged.keys().next().value as string;
      this.acknowledged.delete(oldest);
    }
  }

  /** Mark `key` acknowledged (remembering it if it was not). */
  markAcknowledged(key: string): void {
    if (!this.acknowledged.has(key)) this.remember(key);
    this.acknowledged.set(key, true);
  }

  /** Forget `key`, so that its next re-send is delivered again. */
  forget(key: string): void {
    this.acknowledged.delete(key);
  }
}
