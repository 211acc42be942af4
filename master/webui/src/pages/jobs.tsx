/**
 * The jobs framework's pages, as Chronos users expect them, fed from that
 * framework's own API through the master: every job (schedule, last run
 * with its outcome and reason, next run), and one job: its definition,
 * next run and its last runs. When no jobs framework is subscribed, says
 * so and how to start one.
 */
import type { ClusterStore } from '../model/store';
import { frameworkGet, type JobDetailJson, type JobJson, outcomeTone, type RunJson, runReason } from '../model/framework-apps';
import { formatAgo, formatDuration, formatTimestamp } from '../model/format';
import { links } from '../model/router';
import { useFrameworkFeed } from '../framework-feed';
import { FrameworkFeedState, type FrameworkKind } from '../components/framework-feed-state';
import { Badge, Card, Empty, KeyValues, PageHead } from '../components/common';

const FRAMEWORK: FrameworkKind = { kind: 'jobs', command: 'meseta-jobs', items: 'jobs' };

/** Milliseconds since the epoch → seconds (the UI's clock). */
const s = (ms: number | null | undefined): number | undefined => (ms === null || ms === undefined ? undefined : ms / 1000);

/** `in 5h` / `3m ago` for a time in seconds. */
function relative(at: number | undefined, now: number): string {
  if (at === undefined) return '–';
  return at > now ? `in ${formatDuration(at - now)}` : formatAgo(at, now);
}

/** `#/jobs`: every job. */
export function JobsPage(props: { store: ClusterStore; now: number }) {
  const { now } = props;
  const feed = useFrameworkFeed(props.store, 'jobs', 'jobs', (id, signal) => frameworkGet<{ jobs: JobJson[] }>(id, '/v1/jobs', signal));
  const jobs = feed.state === 'ready' || feed.state === 'error' ? feed.data?.jobs : undefined;
  return (
    <div data-page="jobs" data-state={feed.state}>
      <PageHead title="Jobs" sub={feed.state === 'ready' ? <>Jobs of {feed.name}</> : 'Batch jobs of the jobs framework'} />
      <Card title="Jobs" count={jobs?.length} flush>
        <FrameworkFeedState framework={FRAMEWORK} feed={feed} what="The jobs" />
        {jobs && jobs.length === 0 && <Empty>No jobs yet: add one with <code>meseta-jobs job add job.json</code>.</Empty>}
        {jobs && jobs.length > 0 && (
          <div class="table-wrap short">
            <table class="data" data-table="jobs">
              <thead>
                <tr>
                  <th style={{ width: '16%' }}>Job</th>
                  <th style={{ width: '16%' }}>Schedule</th>
                  <th style={{ width: '110px' }}>Last run</th>
                  <th style={{ width: '130px' }}>Outcome</th>
                  <th style={{ width: '150px' }}>Next run</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => {
                  const last = j.lastRun ?? undefined;
                  const reason = last && last.status !== 'succeeded' ? runReason(last) : '';
                  return (
                    <tr key={j.definition.id} data-job={j.definition.id}>
                      <td>
                        <a href={links.job(j.definition.id)}>{j.definition.id}</a>
                      </td>
                      <td class="mono">{j.definition.schedule ? j.definition.schedule.cron : 'manual'}</td>
                      <td>{last ? formatAgo(s(last.createdAt), now) : 'never'}</td>
                      <td data-outcome>{last ? <Badge tone={outcomeTone(last.status)}>{last.status}</Badge> : '–'}</td>
                      <td>{relative(s(j.nextFireAt), now)}</td>
                      <td title={reason} data-reason style={{ whiteSpace: 'normal', padding: '6px 12px' }}>{reason}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function RunsTable(props: { runs: RunJson[]; now: number }) {
  const newest = [...props.runs].sort((a, b) => b.createdAt - a.createdAt).slice(0, 50);
  if (newest.length === 0) return <Empty>No runs yet.</Empty>;
  return (
    <div class="table-wrap short">
      <table class="data" data-table="runs">
        <thead>
          <tr>
            <th style={{ width: '22%' }}>Run</th>
            <th style={{ width: '80px' }}>Trigger</th>
            <th style={{ width: '130px' }}>Outcome</th>
            <th style={{ width: '110px' }}>Started</th>
            <th style={{ width: '80px' }}>Took</th>
            <th class="right" style={{ width: '80px' }}>Attempts</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {newest.map((r) => (
            <tr key={r.id} data-run={r.id} data-status={r.status}>
              <td class="mono" title={r.id}>{r.id}</td>
              <td>{r.trigger}</td>
              <td>
                <Badge tone={outcomeTone(r.status)}>{r.status}</Badge>
              </td>
              <td title={formatTimestamp(s(r.createdAt))}>{formatAgo(s(r.createdAt), props.now)}</td>
              <td>{formatDuration(((r.finishedAt ?? props.now * 1000) - r.createdAt) / 1000)}</td>
              <td class="right num">{r.attempts.length}</td>
              <td title={runReason(r)} data-reason style={{ whiteSpace: 'normal', padding: '6px 12px' }}>{r.status === 'succeeded' ? '' : runReason(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `#/jobs/<job>`: one job and its last runs. */
export function JobPage(props: { store: ClusterStore; jobId: string; now: number }) {
  const { jobId, now } = props;
  const feed = useFrameworkFeed(props.store, 'jobs', `job:${jobId}`, (id, signal) => frameworkGet<JobDetailJson>(id, `/v1/jobs/${encodeURIComponent(jobId)}`, signal));
  const job = feed.state === 'ready' || feed.state === 'error' ? feed.data : undefined;
  const d = job?.definition;
  return (
    <div data-page="job" data-state={feed.state}>
      <PageHead title={jobId} crumbs={[['Jobs', links.jobs()]]} />
      <FrameworkFeedState framework={FRAMEWORK} feed={feed} what={`Job ${jobId}`} />
      {job && d && (
        <>
          <Card title="Job">
            <KeyValues
              rows={[
                ['Command', <code>{d.command}</code>],
                ['Schedule', d.schedule ? `${d.schedule.cron} (UTC), ${d.schedule.concurrencyPolicy}` : 'manual'],
                ['Next run', job.nextFireAt !== null ? <span data-next-run>{relative(s(job.nextFireAt), now)} ({formatTimestamp(s(job.nextFireAt))})</span> : undefined],
                ['Retries', d.retries ? String(d.retries.maxRetries) : undefined],
                ['Deadline', d.deadlineSeconds ? formatDuration(d.deadlineSeconds) : undefined],
                ['Skipped fires', job.skippedFires ? String(job.skippedFires) : undefined],
              ]}
            />
          </Card>
          <Card title="Last runs" count={job.runs.length} flush>
            <RunsTable runs={job.runs} now={now} />
          </Card>
        </>
      )}
    </div>
  );
}
