import * as ownEsbuild from 'esbuild';

type Esbuild = typeof ownEsbuild;

/** Jobs and incremental contexts that need each esbuild module's service process, in this process. */
const users = new Map<Esbuild, number>();

/**
 * esbuild runs one service process per module instance, which stays until `stop()`; several runtimes
 * may share it in one process (tests). The service stops once no job or context of this process needs
 * it, so none is left behind, and none holds memory while idle.
 */
export const useEsbuild = (esbuild: Esbuild = ownEsbuild): { readonly esbuild: Esbuild; release(): Promise<void> } => {
  users.set(esbuild, (users.get(esbuild) ?? 0) + 1);
  let released = false;
  return {
    esbuild,
    release: async () => {
      if (released) return;
      released = true;
      const left = (users.get(esbuild) ?? 1) - 1;
      users.set(esbuild, left);
      if (left === 0) await esbuild.stop();
    },
  };
};

/** Runs one esbuild job with the runtime's own esbuild. */
export const withEsbuild = async <T>(job: (esbuild: Esbuild) => Promise<T>): Promise<T> => {
  const service = useEsbuild();
  try {
    return await job(service.esbuild);
  } finally {
    await service.release();
  }
};
