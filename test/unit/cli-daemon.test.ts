import { logLevelFrom, quietWhen } from '../../cli/daemon';
import { UsageError } from '../../cli/cli-error';
import type { Logger } from '@meseta/runtime/log';

describe('logLevelFrom', () => {
  it.each<[string, string | undefined, string]>([
    ['takes the flag', 'debug', 'debug'],
    ['falls back to the given default', undefined, 'warn'],
  ])('%s', (_name, flag, level) => {
    const saved = process.env.MESETA_LOG_LEVEL;
    delete process.env.MESETA_LOG_LEVEL;
    try {
      expect(logLevelFrom(flag, 'warn')).toBe(level);
    } finally {
      if (saved !== undefined) process.env.MESETA_LOG_LEVEL = saved;
    }
  });

  it('refuses an unknown level naming the flag', () => {
    expect(() => logLevelFrom('loud')).toThrow(UsageError);
    expect(() => logLevelFrom('loud')).toThrow('--log-level: "loud" is not one of error, warn, info, debug');
  });
});

describe('quietWhen', () => {
  function recorder(): { lines: string[]; logger: Logger } {
    const lines: string[] = [];
    const make = (prefix: string): Logger => ({
      error: (m) => lines.push(`${prefix}error ${m}`),
      warn: (m) => lines.push(`${prefix}warn ${m}`),
      info: (m) => lines.push(`${prefix}info ${m}`),
      debug: (m) => lines.push(`${prefix}debug ${m}`),
      child: (c) => make(`${prefix}${c}.`),
    });
    return { lines, logger: make('') };
  }

  it('passes everything until quiet, then drops everything, children included', () => {
    let quiet = false;
    const { lines, logger } = recorder();
    const gated = quietWhen(logger, () => quiet);
    gated.warn('before');
    quiet = true;
    gated.error('after');
    gated.child('x').warn('child after');
    expect(lines).toEqual(['warn before']);
  });

  it('keeps errors when asked to', () => {
    const { lines, logger } = recorder();
    const gated = quietWhen(logger, () => true, true);
    gated.warn('dropped');
    gated.child('agent').error('kept');
    expect(lines).toEqual(['agent.error kept']);
  });
});
