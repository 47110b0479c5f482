/*
 * For the projects whose tests talk to DynamoDB Local, the emulators or the local runtime: under a second
 * alone, several times that while the projects share two cores with the runtime and a browser (CI saw
 * Jest's default 5 s pass). Jest reads `testTimeout` from the root config only, so it is set here; a
 * test file's own jest.setTimeout, run after this, still wins.
 */
jest.setTimeout(30_000);
