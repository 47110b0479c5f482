console.error('The local runtime is not built yet (see issue "Local runtime"). Use `npm test` for now.');
process.exit(1);
