/** Logs every event it gets, with its label (which delivery it stands for), for the tests to read. */
export const handler = async (event: unknown) => {
  console.log(JSON.stringify({ conformance: 'recorded', label: process.env.LABEL, event }));
  return {};
};
