/**
 * The Operator API's state answers encoded in slices are the same bytes'
 * worth as the one-block answer: decoded, GET_STATE and each narrower call
 * equal what `answerOperatorCall` returns, and the encoder yields to the
 * event loop along the way.
 */
import { pb, CallType, OperationType, type OperatorCall } from '@meseta/proto/wire';
import { answerOperatorCall } from '../../master/operator-api';
import { encodeStateAnswer, statePartsOf } from '../../master/operator-state-encoder';
import { masterTestBed } from './fixtures/master-test-bed';

const T = pb.OperatorCall.Type;

async function cluster() {
  const bed = masterTestBed({ config: { offerTimeoutSeconds: 0 } });
  for (let i = 0; i < 4; i++) await bed.addAgent('cpus:8;mem:4096;ports:[31000-31009]', `host-${i}`);
  const fw = await bed.subscribe('fw-a', { roles: ['web'] });
  const other = await bed.subscribe('fw-b');
  bed.master.runAllocation();
  const offers = fw.sink.offers();
  let n = 0;
  for (const offer of offers.slice(0, 3)) {
    const tasks = [0, 1, 2].map(() => bed.task(`t${n++}`, offer, 0.5, 64));
    await fw.call({ type: CallType.ACCEPT, accept: { offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: tasks } }] } });
  }
  bed.master.runAllocation();
  void other;
  return bed;
}

const decode = (bytes: Uint8Array) => pb.OperatorResponse.toObject(pb.OperatorResponse.decode(bytes), { defaults: false, longs: Number });

describe('state answers encoded in slices', () => {
  it.each([
    ['GET_STATE', T.GET_STATE],
    ['GET_AGENTS', T.GET_AGENTS],
    ['GET_FRAMEWORKS', T.GET_FRAMEWORKS],
    ['GET_TASKS', T.GET_TASKS],
    ['GET_ROLES', T.GET_ROLES],
    ['GET_OFFERS', T.GET_OFFERS],
  ])('%s decodes to the one-block answer, yielding along the way', async (_name, type) => {
    const bed = await cluster();
    const call: OperatorCall = { type };
    const stats = { yields: 0 };
    const sliced = decode(await encodeStateAnswer(bed.master, call, stats, 3));
    const whole = decode(pb.OperatorResponse.encode(answerOperatorCall(bed.master, call)).finish());
    expect(sliced).toEqual(whole);
    if (type === T.GET_STATE) {
      expect(whole.state.tasks.length).toBeGreaterThanOrEqual(3);
      expect(whole.state.agents).toHaveLength(4);
      expect(whole.state.offers.length).toBeGreaterThan(0);
      expect(whole.state.roles.length).toBe(2);
    }
    if (type === T.GET_STATE || type === T.GET_TASKS) expect(stats.yields).toBeGreaterThan(0);
    bed.stop();
  });

  it('is only for state calls', async () => {
    const bed = await cluster();
    expect(statePartsOf(T.GET_HEALTH)).toBeUndefined();
    await expect(encodeStateAnswer(bed.master, { type: T.GET_HEALTH })).rejects.toThrow(/not a state call/);
    bed.stop();
  });
});
