import { isPlainHost, parseProxyPath, planFilesRequest } from '../../master/http-agent-proxy';

const agent = { hostname: '127.0.0.1', port: 5051, status: 'ACTIVE' };
const q = (text: string): URLSearchParams => new URLSearchParams(text);

describe('the sandbox files proxy plan', () => {
  it.each([
    ['browse', 'path=frameworks%2Ff%2Ftasks', '/files/browse?path=frameworks%2Ff%2Ftasks'],
    ['read', 'path=a%2Fstdout&offset=-1', '/files/read?path=a%2Fstdout&offset=-1'],
    ['read', 'length=10&offset=5&path=x', '/files/read?length=10&offset=5&path=x'],
    ['read', 'path=..%2F..%2Fetc%2Fpasswd', '/files/read?path=..%2F..%2Fetc%2Fpasswd'],
  ])('sends %s?%s to the agent as %s (the agent judges the path)', (op, query, path) => {
    expect(planFilesRequest('a1', agent, op, q(query))).toEqual({ ok: true, hostname: '127.0.0.1', port: 5051, path });
  });

  it.each([
    ['another endpoint', 'a1', agent, 'state', 'path=x', 404, 'no such files endpoint: state (use browse or read)'],
    ['a prototype name', 'a1', agent, 'constructor', 'path=x', 404, 'no such files endpoint: constructor (use browse or read)'],
    ['an unknown agent', 'nope', undefined, 'browse', 'path=x', 404, 'no such agent: nope'],
    ['a gone agent', 'a1', { ...agent, status: 'GONE' }, 'browse', 'path=x', 410, "agent a1 is gone; its sandboxes cannot be read"],
    ['an agent without a port', 'a1', { ...agent, port: 0 }, 'browse', 'path=x', 502, 'agent a1 registered no usable address'],
    ['a disconnected agent (its port may be anyone\'s now)', 'a1', { ...agent, status: 'DISCONNECTED' }, 'read', 'path=x', 503, 'agent a1 is disconnected; its sandboxes can be read once it is connected again'],
    ['an unreachable agent', 'a1', { ...agent, status: 'UNREACHABLE' }, 'read', 'path=x', 503, 'agent a1 is unreachable; its sandboxes can be read once it is connected again'],
    ['a host name carrying a port', 'a1', { ...agent, hostname: 'evil.example:80' }, 'read', 'path=x', 502, 'agent a1 registered no usable address'],
    ['a host name carrying a user', 'a1', { ...agent, hostname: 'me@evil.example' }, 'read', 'path=x', 502, 'agent a1 registered no usable address'],
    ['a host name carrying a path', 'a1', { ...agent, hostname: 'evil.example/x?' }, 'read', 'path=x', 502, 'agent a1 registered no usable address'],
    ['an empty host name', 'a1', { ...agent, hostname: '' }, 'read', 'path=x', 502, 'agent a1 registered no usable address'],
    ['a host parameter', 'a1', agent, 'read', 'path=x&host=127.0.0.1&port=1', 400, 'host: not a parameter of files/read (takes path, offset, length)'],
    ['an agent id that is an address', '127.0.0.1:5051', undefined, 'read', 'path=x', 404, 'no such agent: 127.0.0.1:5051'],
    ['an extra parameter', 'a1', agent, 'browse', 'path=x&host=example.com', 400, 'host: not a parameter of files/browse (takes path)'],
    ['offset on browse', 'a1', agent, 'browse', 'path=x&offset=1', 400, 'offset: not a parameter of files/browse (takes path)'],
    ['a repeated parameter', 'a1', agent, 'read', 'path=x&path=y', 400, 'path: given 2 times'],
    ['no path', 'a1', agent, 'read', 'offset=0', 400, 'path: required'],
  ])('refuses %s', (_what, id, target, op, query, status, error) => {
    expect(planFilesRequest(id, target, op, q(query))).toEqual({ ok: false, status, error });
  });

  it.each([
    ['/api/v1/agents/a1/files/browse', { agentId: 'a1', operation: 'browse' }],
    ['/api/v1/agents/a%2F1/files/read', { agentId: 'a/1', operation: 'read' }],
    ['/api/v1/agents/a1/files/../state', undefined],
    ['/api/v1/agents/a1/state', undefined],
    ['/api/v1/agents/a1/files/browse/x', undefined],
    ['/api/v1/agents/%E0%A4%A/files/browse', undefined],
  ])('reads the path %s', (path, parsed) => {
    expect(parseProxyPath(path)).toEqual(parsed);
  });

  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['agent-1.example.com', true],
    ['localhost', true],
    ['a..b', false],
    ['-a', false],
    ['host:80', false],
    ['[::1]:80', false],
    ['x y', false],
  ])('takes %j as a plain host: %s', (host, plain) => {
    expect(isPlainHost(host)).toBe(plain);
  });
});
