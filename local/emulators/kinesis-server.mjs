// kinesis-local (kinesis-mock) in a process that ends with its parent, when the IPC channel closes.
// It runs from its package folder, where it finds its TLS certificate.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

process.on('disconnect', () => process.exit(0));
const main = createRequire(import.meta.url).resolve('kinesis-local/main.js');
process.chdir(dirname(main));
await import(main);
