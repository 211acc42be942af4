import { links, parseRoute, sectionOf, withQueryChanged } from '../../master/webui/src/model/router';

describe('web UI routes', () => {
  it.each([
    ['', { page: 'overview' }],
    ['#/', { page: 'overview' }],
    ['#/agents', { page: 'agents', query: {} }],
    ['#/agents?q=rack%3Aa&sort=-cpus', { page: 'agents', query: { q: 'rack:a', sort: '-cpus' } }],
    ['#/agents/a%2F1', { page: 'agent', agentId: 'a/1', query: {} }],
    ['#/frameworks/f1', { page: 'framework', frameworkId: 'f1', query: {} }],
    ['#/tasks?state=TASK_FAILED', { page: 'tasks', query: { state: 'TASK_FAILED' } }],
    ['#/tasks/f1/t%20one?follow=x%2Fstdout', { page: 'task', frameworkId: 'f1', taskId: 't one', query: { follow: 'x/stdout' } }],
    ['#/offers', { page: 'offers', query: {} }],
    ['#/roles', { page: 'roles', query: {} }],
    ['#/services', { page: 'services' }],
    ['#/services/web%2Fa', { page: 'service', appId: 'web/a' }],
    ['#/jobs', { page: 'jobs' }],
    ['#/jobs/nightly', { page: 'job', jobId: 'nightly' }],
  ])('parses %p', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each([
    ['#/nowhere'],
    ['#/tasks/only-framework'],
    ['#/agents/a/b'],
    ['#/roles/x'],
    ['#/services/web/x'],
    ['#/jobs/a/b'],
    ['#/agents/%E0%A4%A'],
  ])('answers not-found for %p', (hash) => {
    expect(parseRoute(hash).page).toBe('not-found');
  });

  it.each([
    [links.agent('a/1 <x>')],
    [links.task('f 1', 't/2', { files: 'frameworks/f 1/tasks/t/2' })],
    [links.framework('f?1')],
    [links.service('web <a>')],
    [links.job('job/1')],
    [links.tasks({ q: 'state:running name', sort: '-updated' })],
  ])('parses back the link %p it built', (link) => {
    expect(parseRoute(link).page).not.toBe('not-found');
  });

  it('keeps ids with slashes, spaces and markup intact through a link', () => {
    const route = parseRoute(links.task('f 1', 't/2<script>'));
    expect(route).toEqual({ page: 'task', frameworkId: 'f 1', taskId: 't/2<script>', query: {} });
  });

  it('leaves out empty query values', () => {
    expect(links.tasks({ q: '', state: undefined })).toBe('#/tasks');
  });

  it.each([
    ['#/tasks?q=a', { q: 'b' }, '#/tasks?q=b'],
    ['#/tasks?q=a&sort=id', { q: '' }, '#/tasks?sort=id'],
    ['#/', { x: '1' }, '#/?x=1'],
    ['', { x: '1' }, '#/?x=1'],
  ])('changes the query of %p by %p', (hash, changes, next) => {
    expect(withQueryChanged(hash, changes)).toBe(next);
  });

  it.each([
    ['#/agents/a', 'agents'],
    ['#/frameworks/f', 'frameworks'],
    ['#/tasks/f/t', 'tasks'],
    ['#/offers', 'offers'],
  ])('puts %p under the %s section', (hash, section) => {
    expect(sectionOf(parseRoute(hash))).toBe(section);
  });
});
