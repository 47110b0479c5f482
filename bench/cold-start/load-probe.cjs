// Runs in a fresh Node.js process with a function's environment, as Lambda's runtime starts one:
// loads the bundle (its module scope runs) and prints how long Node took to get here and the load took.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, as Lambda's runtime loads a CommonJS handler */
const { performance } = require('node:perf_hooks');

const reached = performance.now();
require(process.argv[2]);
const loaded = performance.now();
process.stdout.write(JSON.stringify({ bootMs: reached, loadMs: loaded - reached }));
