/*
 * Stands in for the `semver` package in the function bundles (ServiceFunction aliases it here).
 * aws-xray-sdk-core, under the Powertools Tracer, requires `semver` when it loads, only to check the
 * version of an AWS SDK v2 handed to captureAWS, which the shop never calls (it captures SDK v3
 * clients). The real package builds some forty regular expressions as it loads: about 4 ms of every
 * cold start (docs/benchmarks.md). test/infra/bundling.test.ts fails if anything else in a bundle
 * imports `semver`, so nothing comes to depend on more than this.
 */
const numbers = (version) => String(version).split(/[-+]/)[0].split('.').map((part) => Number(part) || 0);

/** Whether `version` >= `minimum`, for plain `major.minor.patch` versions (a pre-release counts as its release). */
module.exports.gte = (version, minimum) => {
  const [a, b] = [numbers(version), numbers(minimum)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};
