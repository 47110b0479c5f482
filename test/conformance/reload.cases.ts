import { request } from '../e2e/support/http';
import type { Context } from './conformance-context';

/** A reload (what the file watcher triggers) re-synthesizes and applies changes, keeping warm what did not change. */
export const reloadCases = (context: Context) =>
  describe('Reload', () => {
    it('keeps unchanged functions warm and the API on its port', async () => {
      const { runtime } = context();
      const before = await request<{ environmentId: string }>(runtime.url, 'GET', '/counter');
      const { changedFunctions } = await runtime.reload();
      expect(changedFunctions).toEqual([]);
      const after = await request<{ environmentId: string }>(runtime.url, 'GET', '/counter');
      expect(after.status).toBe(200);
      expect(after.body.environmentId).toBe(before.body.environmentId);
    });
  });
