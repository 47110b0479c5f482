/*
 * zod for every schema of the shop: `import * as z from '#shared/zod'`. It is zod/mini (zod's own
 * validation, as functions a bundle keeps only when it uses them: about 20 to 35 KiB, where the chained
 * API of `zod` brought all 440 KiB of it into every function, loaded at every cold start), with zod's
 * English messages, which zod/mini leaves out: an issue reads as it did with `zod`, in the `errors` of
 * a 400 answer and in the reason a record is set aside. The messages are set when this module loads,
 * so before any schema exists; a bundle without schemas carries none of it.
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
