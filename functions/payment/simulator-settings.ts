/**
 * Each payment simulator option's default and bounds, for the deployment's CDK context (lib/) and the
 * function's environment alike. A file of its own: the CDK app imports it, and an edit to a file the app
 * imports synthesizes the app again, where an edit to the simulator rebuilds only its functions.
 */
export const simulatorSettings = {
  failureRate: { default: 0, min: 0, max: 1 },
  latencyMs: { default: 20, min: 0, max: 60_000 },
  chargedTimeoutRate: { default: 0, min: 0, max: 1 },
} as const;
