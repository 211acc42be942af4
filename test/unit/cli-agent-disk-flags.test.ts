import { agentOptionsFrom } from '../../cli/commands/agent';

const base = { master: '127.0.0.1:5050' };

describe('agent flags of sandbox GC and log rotation', () => {
  it.each([
    ['--gc-delay 2days', { gcDelay: '2days' }, { gcDelayMs: 2 * 86400 * 1000 }],
    ['--gc-disk-headroom 0.2', { gcDiskHeadroom: '0.2' }, { gcDiskHeadroom: 0.2 }],
    ['--disk-watermark 0.3 is the same flag', { diskWatermark: '0.3' }, { gcDiskHeadroom: 0.3 }],
    ['--disk-watch-interval 500ms', { diskWatchInterval: '500ms' }, { diskWatchIntervalMs: 500 }],
    ['--enforce-container-disk-quota', { enforceContainerDiskQuota: true }, { enforceContainerDiskQuota: true }],
    ['with --container-disk-watch-interval 2s', { enforceContainerDiskQuota: true, containerDiskWatchInterval: '2s' }, { enforceContainerDiskQuota: true, containerDiskWatchIntervalMs: 2000 }],
    ['--container-logger-max-size 10MB', { containerLoggerMaxSize: '10MB' }, { containerLoggerMaxBytes: 10 * 1024 * 1024 }],
    ['with --container-logger-max-files 3', { containerLoggerMaxSize: '1MB', containerLoggerMaxFiles: '3' }, { containerLoggerMaxBytes: 1024 * 1024, containerLoggerMaxFiles: 3 }],
  ])('%s', (_name, flags, expected) => {
    expect(agentOptionsFrom({ ...base, ...flags })).toMatchObject(expected);
  });

  it.each([
    ['a headroom above 1', { gcDiskHeadroom: '1.5' }, '--gc-disk-headroom: 1.5 is a fraction of the disk kept free, between 0 and 1 (e.g. 0.1)'],
    ['a negative watermark', { diskWatermark: '-0.1' }, '--disk-watermark: "-0.1" is not a non-negative number'],
    ['both names', { gcDiskHeadroom: '0.1', diskWatermark: '0.2' }, '--disk-watermark: is another name of --gc-disk-headroom; give only one of them'],
    ['a delay that is no duration', { gcDelay: 'soon' }, '--gc-delay: "soon" is not a duration'],
    ['an interval of 0', { diskWatchInterval: '0s' }, '--disk-watch-interval: "0s" must be longer than 0'],
    ['a container disk interval of 0', { enforceContainerDiskQuota: true, containerDiskWatchInterval: '0s' }, '--container-disk-watch-interval: "0s" must be longer than 0 (e.g. 15s)'],
    ['a container disk interval without the quota', { containerDiskWatchInterval: '5s' }, '--container-disk-watch-interval: needs --enforce-container-disk-quota (without it no task disk is checked)'],
    ['a size that is no size', { containerLoggerMaxSize: '10 megs' }, '--container-logger-max-size: "10 megs" is not a size (e.g. 2GB, 512MB, 100KB or bytes)'],
    ['files without a size', { containerLoggerMaxFiles: '3' }, '--container-logger-max-files: needs --container-logger-max-size (the size at which logs are rotated)'],
    ['one file', { containerLoggerMaxSize: '1MB', containerLoggerMaxFiles: '1' }, '--container-logger-max-files: "1" must be a whole number of at least 2 (stdout and stdout.1, …)'],
  ])('refuses %s', (_name, flags, message) => {
    expect(() => agentOptionsFrom({ ...base, ...flags })).toThrow(message);
  });
});
