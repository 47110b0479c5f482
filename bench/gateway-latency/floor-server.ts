/**
 * The machine's floor for the gateway benchmark: a minimal Node HTTP server, in a process of its own,
 * that answers every request with the body and content type it is given. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [contentType, body] = [process.argv[2]!, Buffer.from(process.argv[3]!, 'base64')];
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
process.on('disconnect', () => process.exit(0));
