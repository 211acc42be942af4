/**
 * Where a client's master address and credentials come from: the config
 * file (`$MESETA_CONFIG`, else `~/.meseta/config.json`), then the
 * `MESETA_*` variables, then explicit values (flags), field by field.
 */
import * as path from 'node:path';
import {
  ClientConfigError,
  httpRequestSecurityFor,
  loadClientConfig,
  parseClientConfigFile,
  readClientSecurity,
  type ClientConfig,
  type ConfigFileReader,
} from '@meseta/runtime/client-config';

const HOME = '/home/op';
const DEFAULT_FILE = path.join(HOME, '.meseta', 'config.json');

function reader(files: Record<string, ClientConfig | string>): ConfigFileReader {
  return { read: (p) => (p in files ? (typeof files[p] === 'string' ? (files[p] as string) : JSON.stringify(files[p])) : undefined) };
}

describe('loadClientConfig precedence', () => {
  const cases: Array<{
    name: string;
    files?: Record<string, ClientConfig | string>;
    env?: NodeJS.ProcessEnv;
    explicit?: ClientConfig;
    want: ClientConfig;
    origin?: Partial<Record<keyof ClientConfig, string>>;
  }> = [
    { name: 'nothing anywhere gives an empty config (plaintext, default master)', want: {} },
    {
      name: 'the default file ~/.meseta/config.json is read when $MESETA_CONFIG is not set',
      files: { [DEFAULT_FILE]: { master: '192.0.2.1:5050', ca: 'ca.pem', token: 'file-token' } },
      want: { master: '192.0.2.1:5050', ca: path.join(HOME, '.meseta', 'ca.pem'), token: 'file-token' },
      origin: { token: `config file ${DEFAULT_FILE}` },
    },
    {
      name: '$MESETA_CONFIG names the file instead of the default one',
      files: { [DEFAULT_FILE]: { token: 'default' }, '/etc/meseta/c.json': { token: 'named', cert: '/abs/op.crt', key: 'k/op.key' } },
      env: { MESETA_CONFIG: '/etc/meseta/c.json' },
      want: { token: 'named', cert: '/abs/op.crt', key: '/etc/meseta/k/op.key' },
    },
    {
      name: 'environment variables override the file field by field',
      files: { [DEFAULT_FILE]: { master: 'file:1', ca: '/f/ca', token: 'file-token' } },
      env: { MESETA_TOKEN: 'env-token', MESETA_CA_CERT: '/e/ca', MESETA_MASTER: 'env:2' },
      want: { master: 'env:2', ca: '/e/ca', token: 'env-token' },
      origin: { token: '$MESETA_TOKEN', ca: '$MESETA_CA_CERT', master: '$MESETA_MASTER' },
    },
    {
      name: 'client certificate variables fill in what the file lacks',
      files: { [DEFAULT_FILE]: { ca: '/f/ca' } },
      env: { MESETA_CLIENT_CERT: '/e/c.crt', MESETA_CLIENT_KEY: '/e/c.key' },
      want: { ca: '/f/ca', cert: '/e/c.crt', key: '/e/c.key' },
    },
    {
      name: 'explicit values (flags) override environment and file',
      files: { [DEFAULT_FILE]: { ca: '/f/ca', token: 'file' } },
      env: { MESETA_CA_CERT: '/e/ca', MESETA_TOKEN: 'env' },
      explicit: { ca: '/flag/ca' },
      want: { ca: '/flag/ca', token: 'env' },
      origin: { ca: 'ca', token: '$MESETA_TOKEN' },
    },
    {
      name: 'an empty variable does not unset the file value',
      files: { [DEFAULT_FILE]: { token: 'file' } },
      env: { MESETA_TOKEN: '' },
      want: { token: 'file' },
    },
  ];
  it.each(cases)('$name', ({ files, env, explicit, want, origin }) => {
    const resolved = loadClientConfig({ env: env ?? {}, homeDir: HOME, reader: reader(files ?? {}), explicit });
    const { origin: gotOrigin, ...values } = resolved;
    expect(values).toEqual(want);
    if (origin) expect(gotOrigin).toMatchObject(origin);
  });

  it('refuses a $MESETA_CONFIG naming a file that does not exist, naming both', () => {
    expect(() => loadClientConfig({ env: { MESETA_CONFIG: '/nope.json' }, homeDir: HOME, reader: reader({}) })).toThrow(
      new ClientConfigError('$MESETA_CONFIG: config file /nope.json does not exist'),
    );
  });
});

describe('parseClientConfigFile refusals name the file and the field', () => {
  it.each([
    ['not JSON', '{', /config file \/c\.json: not JSON/],
    ['an array', '[]', /must be a JSON object with master, ca, cert, key, token/],
    ['an unknown field', '{"tokn":"x"}', /unknown field "tokn" \(known: master, ca, cert, key, token\)/],
    ['a number where a string belongs', '{"master":5050}', /master must be a string, not number/],
  ])('%s', (_name, text, message) => {
    expect(() => parseClientConfigFile(text, '/c.json')).toThrow(message);
  });
});

describe('readClientSecurity', () => {
  const files: Record<string, string> = { '/ca': 'CA', '/c.crt': 'CERT', '/c.key': 'KEY' };
  const read = (p: string): Buffer => {
    if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return Buffer.from(files[p]);
  };
  it('reads the PEM files and keeps the token', () => {
    const security = readClientSecurity({ ca: '/ca', cert: '/c.crt', key: '/c.key', token: 't', origin: {} }, read);
    expect(security).toEqual({ ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY'), token: 't' });
    expect(httpRequestSecurityFor(security)).toEqual({
      protocol: 'https:',
      tls: { ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') },
      headers: { authorization: 'Bearer t' },
    });
  });
  it.each([
    ['an unreadable file, naming the field and its source', { ca: '/missing', origin: { ca: '$MESETA_CA_CERT' } }, 'ca (from $MESETA_CA_CERT): cannot read /missing: ENOENT'],
    ['a certificate without its key', { cert: '/c.crt', origin: { cert: '--client-cert' } }, 'cert (from --client-cert): a client certificate needs both cert and key; key is missing'],
    ['a token with a line break', { token: 'a\nb', origin: { token: '$MESETA_TOKEN' } }, 'token (from $MESETA_TOKEN): must be one line of text without surrounding spaces'],
  ])('refuses %s', (_name, config, message) => {
    expect(() => readClientSecurity(config, read)).toThrow(new ClientConfigError(message));
  });
  it('without a CA the client talks plaintext and still sends its token', () => {
    expect(httpRequestSecurityFor({ token: 'x' })).toEqual({ protocol: 'http:', tls: {}, headers: { authorization: 'Bearer x' } });
  });
});
