import { TEST_DOCKER } from './docker';

/** Where the container suite's global setup records the pid of the dockerd it started. */
export const OWNER_FILE = `/run/${TEST_DOCKER}.owner`;
