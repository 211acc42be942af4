/**
 * What a CommandInfo.uris entry may be: sources, output files, the file a
 * URI becomes, and the first problem of a command naming the field.
 */
import { commandUrisProblem, fetchFileName, fetchSource, outputFileProblem } from '@meseta/proto/fetch-uri';

describe('fetchSource', () => {
  it.each([
    ['http://127.0.0.1:8080/a/tool.tar.gz', { kind: 'http', url: 'http://127.0.0.1:8080/a/tool.tar.gz' }],
    ['HTTPS://example.com/x?y=1', { kind: 'http', url: 'https://example.com/x?y=1' }],
    ['file:///opt/artifacts/app.zip', { kind: 'file', path: '/opt/artifacts/app.zip' }],
    ['file://localhost/opt/a%20b', { kind: 'file', path: '/opt/a b' }],
    ['/opt/artifacts/run.sh', { kind: 'file', path: '/opt/artifacts/run.sh' }],
  ])('%s is a source', (value, expected) => {
    expect(fetchSource(value)).toEqual(expected);
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    [' http://h/x', 'has white space around it'],
    ['ftp://h/x', 'the scheme "ftp" is not supported'],
    ['hdfs://namenode/x', 'the scheme "hdfs" is not supported'],
    ['s3://bucket/key', 'the scheme "s3" is not supported'],
    ['relative/path', 'neither an http(s):// or file:// URI nor an absolute path'],
    ['http://', 'is not a valid http URL'],
    ['http://user:pw@h/x', 'carries credentials'],
    ['file://otherhost/x', 'must be local'],
    ['file:///opt/', 'names a folder'],
    ['/opt/', 'names a folder'],
    ['/opt/a\nb', 'control character'],
    [`http://h/${'a'.repeat(5000)}`, 'characters long'],
  ])('%j is refused: %s', (value, problem) => {
    const source = fetchSource(value);
    expect('problem' in source && source.problem).toContain(problem);
  });
});

describe('outputFileProblem', () => {
  it.each([
    ['tool', undefined],
    ['bin/tool', undefined],
    ['.hidden', undefined],
    ['/etc/passwd', 'is absolute'],
    ['../up', 'climbs out of the sandbox'],
    ['a/../../b', 'climbs out of the sandbox'],
    ['a//b', 'empty or "." segment'],
    ['./a', 'empty or "." segment'],
    ['a/', 'empty or "." segment'],
    ['a\u0000b', 'control character'],
  ])('%j: %s', (name, problem) => {
    const found = outputFileProblem(name);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('fetchFileName', () => {
  it.each([
    ['http://h/a/tool.tar.gz?x=1#f', undefined, 'tool.tar.gz'],
    ['http://h/a/my%20tool', undefined, 'my tool'],
    ['/opt/a/run.sh', undefined, 'run.sh'],
    ['http://h/', 'named', 'named'],
    ['http://h/x', 'bin/x', 'bin/x'],
  ])('%s (output_file %s) → %s', (uri, output, name) => {
    const source = fetchSource(uri);
    if ('problem' in source) throw new Error(source.problem);
    expect(fetchFileName(source, output)).toEqual({ name });
  });

  it.each([
    ['http://h/', 'no usable file name'],
    ['http://h/a/..', 'no usable file name'],
    ['http://h/a/%2E%2E', 'no usable file name'],
    ['http://h/a/b%2Fc', 'no usable file name'],
    ['http://h/%E0%A4%A', 'bad %-escape'],
  ])('%s has no file name: %s', (uri, problem) => {
    const source = fetchSource(uri);
    if ('problem' in source) throw new Error(source.problem);
    const named = fetchFileName(source);
    expect('problem' in named && named.problem).toContain(problem);
  });
});

describe('commandUrisProblem', () => {
  it.each([
    ['no command', undefined, undefined],
    ['no URIs', { value: 'true' }, undefined],
    ['good URIs', { uris: [{ value: 'http://h/a.tgz' }, { value: '/opt/b', executable: true }] }, undefined],
    ['an empty output_file counts as unset (protobuf default)', { uris: [{ value: 'http://h/a', output_file: '' }] }, undefined],
    ['an empty value', { uris: [{ value: 'http://h/a' }, { value: '' }] }, 'task.command.uris[1].value: is empty'],
    ['a missing value', { uris: [{}] }, 'task.command.uris[0].value: is empty'],
    ['an unknown scheme', { uris: [{ value: 'ftp://h/a' }] }, 'task.command.uris[0].value: "ftp://h/a": the scheme "ftp" is not supported (http://, https://, file:// or an absolute path)'],
    ['an escaping output_file', { uris: [{ value: 'http://h/a', output_file: '../a' }] }, 'task.command.uris[0].output_file: "../a" climbs out of the sandbox with ".."'],
    ['a URI naming no file', { uris: [{ value: 'http://h/' }] }, 'task.command.uris[0].value: its path ends in no usable file name (""); give output_file'],
    ['two URIs onto one file', { uris: [{ value: 'http://h/a/x' }, { value: 'http://g/x' }] }, 'task.command.uris[1]: its file "x" is also the file of task.command.uris[0]; give output_file'],
    ['too many URIs', { uris: Array.from({ length: 65 }, (_, i) => ({ value: `http://h/${i}` })) }, 'task.command.uris: 65 URIs (at most 64)'],
  ])('%s', (_name, command, problem) => {
    expect(commandUrisProblem(command as never)).toBe(problem);
  });

  it('names the field with the prefix it is given', () => {
    expect(commandUrisProblem({ uris: [{ value: 'x' }] }, '')).toMatch(/^command\.uris\[0\]\.value: /);
    expect(commandUrisProblem({ uris: [{ value: 'x' }] }, 'executor.')).toMatch(/^executor\.command\.uris\[0\]\.value: /);
  });
});
