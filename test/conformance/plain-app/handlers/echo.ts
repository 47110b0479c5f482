/** Answers with the event it got, and logs it for the conformance tests. */
export const handler = async (event: unknown) => {
  console.log(JSON.stringify({ conformance: 'plain-echo', event }));
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event }) };
};
