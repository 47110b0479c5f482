/** Where the app's other endpoints are, as the function is told in its environment. */
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ api: process.env.API_URL, publicUrl: process.env.PUBLIC_URL, privateUrl: process.env.PRIVATE_URL }),
});
