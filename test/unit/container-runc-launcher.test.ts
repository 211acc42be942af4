/**
 * The runc launcher shell, with a stand-in for runc (a script that writes
 * its pid file like runc run, prints to the container's stdout and stderr
 * and exits with a chosen status): started, ended with its status, status
 * recorded in the bundle, runc's own error reported when it never started.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExitLine, recordedExitStatus, RuncLauncher } from '../../agent/containerizers/runc-launcher';

let dir: string;
let launcher: RuncLauncher;

/** A fake runc: `run ... --pid-file F ... ID` → writes F (unless the bundle says not to), then exits with the bundle's `code`. */
const FAKE_RUNC = `#!/bin/sh
bundle=""; pidfile=""; log=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle="$2"; shift ;;
    --pid-file) pidfile="$2"; shift ;;
    --log) log="$2"; shift ;;
  esac
  shift
done
if [ -e "$bundle/fail" ]; then echo '{"level":"error","msg":"container_linux.go: starting container process caused: exec: \\"nope\\": not found"}' > "$log"; exit 1; fi
echo $$ > "$pidfile"
echo "out from $(basename "$bundle")"
echo "err from $(basename "$bundle")" >&2
sleep 0.2
exit $(cat "$bundle/code")
`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-launcher-'));
  fs.writeFileSync(path.join(dir, 'runc'), FAKE_RUNC, { mode: 0o755 });
  launcher = new RuncLauncher(path.join(dir, 'runc'), path.join(dir, 'state'));
});

afterEach(() => {
  launcher.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function bundle(name: string, code: number, fail = false): string {
  const b = path.join(dir, name);
  fs.mkdirSync(b);
  fs.writeFileSync(path.join(b, 'code'), String(code));
  if (fail) fs.writeFileSync(path.join(b, 'fail'), '');
  return b;
}

describe('the runc launcher', () => {
  it('starts containers, reports each end with its status and records it in the bundle', async () => {
    const out = path.join(dir, 'stdout');
    const err = path.join(dir, 'stderr');
    const launches = await Promise.all([
      launcher.run('a', bundle('a', 0), out, err),
      launcher.run('b', bundle('b', 3), out, err),
      launcher.run('c', bundle('c', 137), out, err),
    ]);
    expect(launches.every((l) => l.pid > 0)).toBe(true);
    const exits = await Promise.all(launches.map((l) => l.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 3, signal: null },
      { code: 137, signal: null },
    ]);
    expect(['a', 'b', 'c'].map((n) => recordedExitStatus(path.join(dir, n)))).toEqual([0, 3, 137]);
    expect(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['out from a', 'out from b', 'out from c']);
    expect(fs.readFileSync(err, 'utf8')).toContain('err from b');
  });

  it("rejects with runc's own error when the container never started", async () => {
    await expect(launcher.run('x', bundle('x', 1, true), '/dev/null', '/dev/null')).rejects.toThrow('exec: "nope": not found');
  });

  it('says which binary is missing', async () => {
    const missing = new RuncLauncher(path.join(dir, 'no-such-runc'), path.join(dir, 'state'));
    await expect(missing.run('y', bundle('y', 0), '/dev/null', '/dev/null')).rejects.toThrow(/was not found \(apt-get install runc\)/);
    missing.close();
  });

  it('refuses paths that would break its line protocol', async () => {
    await expect(launcher.run('z', path.join(dir, 'with\ttab'), '/dev/null', '/dev/null')).rejects.toThrow('holds a tab or newline');
  });

  it.each<[string, object | undefined]>([
    ['abc 0', { id: 'abc', code: 0 }],
    ['6034ce48-54d 137\n', { id: '6034ce48-54d', code: 137 }],
    ['garbage', undefined],
    ['a b c', undefined],
  ])('reads the output line %j', (line, expected) => {
    expect(parseExitLine(line)).toEqual(expected);
  });
});
