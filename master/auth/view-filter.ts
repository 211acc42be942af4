/**
 * What a viewer may see of the cluster: a view of the master that shows
 * only the frameworks (`view_framework`), their tasks (`view_task`) and the
 * agents (`view_agent`) the ACLs let that principal view, and only the
 * offers of frameworks it sees. Every state reader (`/state`, the
 * snapshot, the UI's event stream, the Operator API's GET_* calls) takes a
 * `Master`, so handing them this view filters them all the same way.
 *
 * The filters are evaluated on every read, so an ACL reload applies at once.
 */
import type { Master } from '../master';
import type { AgentRecord, FrameworkRecord, OfferRecord } from '../state';

/** What one viewer may see, by the principal that owns the record. */
export interface ViewPolicy {
  framework(frameworkPrincipal: string): boolean;
  task(frameworkPrincipal: string): boolean;
  agent(agentPrincipal: string): boolean;
}

/** The principal a framework subscribed with ('' when none). */
export function frameworkPrincipal(fw: Pick<FrameworkRecord, 'info'>): string {
  return fw.info.principal ?? '';
}

function withoutTasks(fw: FrameworkRecord): FrameworkRecord {
  return Object.create(fw, {
    tasks: { value: new Map(), enumerable: true },
    completedTasks: { value: [], enumerable: true },
  }) as FrameworkRecord;
}

/** A live, filtered view of `master` for one viewer (reads only). */
export function filteredMaster(master: Master, policy: ViewPolicy): Master {
  const visibleFramework = (fw: FrameworkRecord): FrameworkRecord | undefined => {
    const p = frameworkPrincipal(fw);
    if (!policy.framework(p)) return undefined;
    return policy.task(p) ? fw : withoutTasks(fw);
  };
  const frameworks = (): Map<string, FrameworkRecord> => {
    const out = new Map<string, FrameworkRecord>();
    for (const [id, fw] of master.frameworks) {
      const v = visibleFramework(fw);
      if (v) out.set(id, v);
    }
    return out;
  };
  const agents = (): Map<string, AgentRecord> => {
    const out = new Map<string, AgentRecord>();
    for (const [id, a] of master.agents) if (policy.agent(a.principal ?? '')) out.set(id, a);
    return out;
  };
  const offers = (): Map<string, OfferRecord> => {
    const out = new Map<string, OfferRecord>();
    for (const [id, o] of master.offers) {
      const fw = master.frameworks.get(o.frameworkId);
      if (fw && policy.framework(frameworkPrincipal(fw))) out.set(id, o);
    }
    return out;
  };
  const view = Object.create(master) as Master;
  Object.defineProperties(view, {
    frameworks: { get: frameworks },
    agents: { get: agents },
    offers: { get: offers },
    completedFrameworks: {
      get: () => master.completedFrameworks.map(visibleFramework).filter((f): f is FrameworkRecord => f !== undefined),
    },
  });
  return view;
}
