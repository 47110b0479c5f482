import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CDK app `npm start` runs: the one in the directory npm was started from (`INIT_CWD`), when it has
 * a cdk.json, so that `cd my-app && npm --prefix <this project> start` runs that app by its own
 * cdk.json (its `app`, context and feature flags), as `cdk synth` would there; otherwise this project.
 */
export const appDirectory = (startedIn: string | undefined, projectDirectory: string): string =>
  startedIn && existsSync(join(startedIn, 'cdk.json')) ? startedIn : projectDirectory;
