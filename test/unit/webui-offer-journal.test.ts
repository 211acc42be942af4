import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ClusterEvent } from '../../master/cluster-events';
import { OfferJournal } from '../../master/http-ui-offer-journal';
import { jsonInSlices } from '../../master/http-ui-json';
import { UiEventStream } from '../../master/http-events';
import { uiOffer } from '../../master/http-ui-view';
import { CallType } from '@meseta/proto/wire';
import { masterTestBed } from './fixtures/master-test-bed';

describe('the UI stream\'s offer journal', () => {
  const made = (...added: string[]): ClusterEvent => ({ type: 'OFFERS_CHANGED', added });
  const gone = (...removed: string[]): ClusterEvent => ({ type: 'OFFERS_CHANGED', removed });
  it.each<[string, ClusterEvent[], { added: string[]; removed: string[]; incomplete: boolean }]>([
    ['offers made are noted as made', [made('a', 'b')], { added: ['a', 'b'], removed: [], incomplete: false }],
    ['an offer made before the journal started and taken back is noted as taken back', [gone('old')], { added: [], removed: ['old'], incomplete: false }],
    ['an offer made and taken back before anyone read the journal leaves no trace', [made('a', 'b'), gone('a')], { added: ['b'], removed: [], incomplete: false }],
    ['an offer change that names no offer makes the journal incomplete', [made('a'), { type: 'OFFERS_CHANGED' }], { added: ['a'], removed: [], incomplete: true }],
    ['other events are not offers', [{ type: 'ROLES_CHANGED', roles: ['*'] }, { type: 'DECLINE', frameworkId: 'f', agentId: 'x', refusals: [] }], { added: [], removed: [], incomplete: false }],
  ])('%s', (_name, events, expected) => {
    const journal = new OfferJournal();
    for (const e of events) journal.note(e);
    expect({ added: [...journal.added], removed: [...journal.removed], incomplete: journal.incomplete }).toEqual(expected);
    expect(journal.size).toBe(expected.added.length + expected.removed.length);
    journal.clear();
    expect({ size: journal.size, incomplete: journal.incomplete }).toEqual({ size: 0, incomplete: false });
  });

  it('reads an offer taken back after it was read (no longer among the made ones) as taken back', () => {
    const journal = new OfferJournal();
    journal.note(made('a'));
    journal.added.delete('a');
    journal.note(gone('a'));
    expect([...journal.removed]).toEqual(['a']);
  });
});

describe('a big UI message\'s JSON written in slices', () => {
  const delta = {
    summary: { agents: 3, name: 'x"y' },
    agents: [{ id: 'a1', n: 1 }, { id: 'a2', n: 2 }, { id: 'a3', text: 'é\n' }],
    agents_removed: ['gone'],
    skipped: undefined,
    offers: [] as unknown[],
    events: [{ seq: 1 }],
  };
  it.each([[1], [2], [1000]])('parses to the same value as JSON.stringify, checking for a yield every %i items', async (every) => {
    let yields = 0;
    const text = await jsonInSlices(delta, async () => {
      yields++;
      await new Promise((resolve) => setImmediate(resolve));
    }, every);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(delta)));
    expect(Object.keys(JSON.parse(text) as object)).not.toContain('skipped');
    const items = delta.agents.length + delta.agents_removed.length + delta.events.length;
    expect(yields).toBeGreaterThanOrEqual(Math.floor(items / every));
  });

  it('writes an object without arrays as JSON.stringify does', async () => {
    const value = { summary: { a: 1 }, roles: { web: 2 } };
    expect(await jsonInSlices(value, () => Promise.resolve())).toBe(JSON.stringify(value));
  });
});

/** A client's offers as it would hold them: its last `offers` message before it joined, then every delta's. */
function recordedOffers(): { res: ServerResponse; offers: Map<string, unknown>; joined(): boolean } {
  const offers = new Map<string, unknown>();
  let joined = false;
  const res = Object.assign(new EventEmitter(), {
    writableLength: 0,
    writeHead: () => res,
    end: () => undefined,
    write(chunk: string | Buffer, done?: () => void): boolean {
      const m = /^event: (\S+)\ndata: (.*)\n\n$/s.exec(String(chunk));
      const data = JSON.parse(m?.[2] ?? '{}') as { offers?: Array<{ id: string }>; offers_removed?: string[] };
      if (m?.[1] === 'offers' && !joined) offers.clear();
      if (m?.[1] === 'delta') joined = true;
      for (const o of data.offers ?? []) offers.set(o.id, o);
      for (const id of data.offers_removed ?? []) offers.delete(id);
      if (done) setImmediate(done);
      return true;
    },
  });
  return { res: res as unknown as ServerResponse, offers, joined: () => joined };
}

describe('the UI stream following offers from the offer book\'s events', () => {
  it.each([
    ['offers named by the offer book', false],
    ['a change that names no offer (every offer looked at once)', true],
  ])('keeps a joined client\'s offers the master\'s as offers are declined and made again: %s', async (_name, unnamed) => {
    const bed = masterTestBed({ start: false });
    const fw = await bed.subscribe('web');
    for (let i = 0; i < 6; i++) await bed.addAgent('cpus:2;mem:1024', `host-${i}`);
    bed.master.runAllocation();
    await bed.master.settled();
    // The offers made before the stream existed count as made.
    const stream = new UiEventStream(bed.master, { intervalMs: 1, packSlice: 1 });
    const client = recordedOffers();
    stream.handle(client.res);
    const until = async (ok: () => boolean): Promise<void> => {
      for (const end = Date.now() + 10_000; !ok() && Date.now() < end;) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    await until(client.joined);
    for (let round = 0; round < 4; round++) {
      const ids = [...bed.master.offers.keys()].slice(0, 2);
      await fw.call({ type: CallType.DECLINE, decline: { offer_ids: ids.map((value) => ({ value })), filters: { refuse_seconds: 0 } } });
      if (unnamed && round === 1) bed.master.events.publish({ type: 'OFFERS_CHANGED' });
      bed.master.runAllocation();
      await bed.master.settled();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(bed.master.offers.size).toBe(6);
    expect([...client.offers.keys()].sort()).toEqual([...bed.master.offers.keys()].sort());
    for (const o of bed.master.offers.values()) expect(client.offers.get(o.id)).toEqual(JSON.parse(JSON.stringify(uiOffer(o))));
    expect((await stream.figures()).agents).toMatchObject({ offered: { cpus: 12, mem: 6144 } });
    stream.close();
    bed.stop();
  });
});
