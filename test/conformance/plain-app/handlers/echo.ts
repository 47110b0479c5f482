/** Answers with the event it got (or fails, for a path ending in /boom), and logs it for the conformance tests. */
export const handler = async (event: { path?: string; rawPath?: string }) => {
  console.log(JSON.stringify({ conformance: 'plain-echo', event }));
  if ((event.path ?? event.rawPath ?? '').endsWith('/boom')) throw new Error('failed on purpose');
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: { 'x-seen': ['first', 'second'] },
    body: JSON.stringify({ event, node: process.version }),
  };
};
