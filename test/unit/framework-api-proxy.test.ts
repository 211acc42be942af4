import { parseFrameworkApiPath, planFrameworkRequest, type ProxiedFramework } from '../../master/framework-api-proxy';

const fw = (over: Partial<ProxiedFramework> = {}): ProxiedFramework => ({ name: 'meseta-services', webuiUrl: 'http://127.0.0.1:8080', connected: true, ...over });
const q = (text = ''): URLSearchParams => new URLSearchParams(text);

describe('framework API proxy: paths', () => {
  it.each<[string, { frameworkId: string; path: string } | undefined]>([
    ['/api/v1/frameworks/f-1/api/v1/apps', { frameworkId: 'f-1', path: '/v1/apps' }],
    ['/api/v1/frameworks/f%201/api/health', { frameworkId: 'f 1', path: '/health' }],
    ['/api/v1/frameworks/f-1/api', undefined],
    ['/api/v1/frameworks/f-1/other/v1/apps', undefined],
    ['/api/v1/frameworks/%E0%A4%A/api/v1/apps', undefined],
  ])('%s', (path, expected) => {
    expect(parseFrameworkApiPath(path)).toEqual(expected);
  });
});

describe('framework API proxy: what it calls', () => {
  it.each<[string, ProxiedFramework | undefined, string, string, string | { status: number; error: RegExp }]>([
    ['an app list', fw(), '/v1/apps', '', 'http://127.0.0.1:8080/v1/apps'],
    ['one app by id (encoded)', fw(), '/v1/apps/web%20x', '', 'http://127.0.0.1:8080/v1/apps/web%20x'],
    ['health', fw(), '/health', '', 'http://127.0.0.1:8080/health'],
    ['a listed parameter passes', fw(), '/v1/deployments', 'running=true', 'http://127.0.0.1:8080/v1/deployments?running=true'],
    ['a base path is kept', fw({ webuiUrl: 'https://ops.example.org:9000/services/' }), '/v1/apps', '', 'https://ops.example.org:9000/services/v1/apps'],
    ['unknown framework', undefined, '/v1/apps', '', { status: 404, error: /no such framework: f-1/ }],
    ['no webui_url', fw({ webuiUrl: '' }), '/v1/apps', '', { status: 409, error: /meseta-services registered no webui_url/ }],
    ['not connected', fw({ connected: false }), '/v1/apps', '', { status: 503, error: /not connected/ }],
    ['not a URL', fw({ webuiUrl: 'nonsense' }), '/v1/apps', '', { status: 502, error: /not a URL/ }],
    ['another scheme', fw({ webuiUrl: 'file:///etc/' }), '/v1/apps', '', { status: 502, error: /not an http\(s\) URL/ }],
    ['credentials in the URL', fw({ webuiUrl: 'http://u:p@127.0.0.1:8080' }), '/v1/apps', '', { status: 502, error: /not an http\(s\) URL/ }],
    ['a path outside the API', fw(), '/admin', '', { status: 400, error: /path: \/admin is not a framework API read/ }],
    ['dot segments', fw(), '/v1/../../etc', '', { status: 400, error: /path:/ }],
    ['an encoded slash', fw(), '/v1/apps/a%2F..%2Fb', '', { status: 400, error: /path:/ }],
    ['an encoded dot', fw(), '/v1/%2e%2e/x', '', { status: 400, error: /path:/ }],
    ['an unlisted parameter', fw(), '/v1/apps', 'redirect=http://192.0.2.1/', { status: 400, error: /redirect: not a parameter the proxy passes/ }],
    ['a repeated parameter', fw(), '/v1/deployments', 'running=true&running=false', { status: 400, error: /running: given 2 times/ }],
  ])('%s', (_name, framework, path, query, expected) => {
    const plan = planFrameworkRequest('f-1', framework, path, q(query));
    if (typeof expected === 'string') {
      expect(plan.ok && plan.url.href).toBe(expected);
    } else {
      expect(plan.ok).toBe(false);
      if (!plan.ok) {
        expect(plan.status).toBe(expected.status);
        expect(plan.error).toMatch(expected.error);
      }
    }
  });
});
