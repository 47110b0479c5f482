import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../../local/emulators/free-port';

const listenOn = (port: number) =>
  new Promise<() => Promise<void>>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(() => new Promise((closed) => server.close(() => closed()))));
  });

describe('freePort', () => {
  it('gives a port another process can listen on, below the range the system hands out by itself', async () => {
    const port = await freePort();
    const [ephemeralFrom] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    expect(port).toBeLessThan(ephemeralFrom!);
    const close = await listenOn(port);
    await close();
  });

  it('never gives the same port twice in one process', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(new Set(ports).size).toBe(50);
  });
});
