// The one handler of the benchmark's comparison with serverless-offline (bench/one-route/app.ts for
// this runtime, bench/serverless-offline/serverless.yml for serverless-offline): a JSON answer, no AWS call.
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ hello: 'world', path: event.rawPath ?? event.path }),
});
