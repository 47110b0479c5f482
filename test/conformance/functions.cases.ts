import { request } from '../e2e/support/http';
import type { Context } from './conformance-context';

/** Execution environments: module state kept while warm, one request at a time each, more of them for concurrent requests. */
export const functionCases = (context: Context) =>
  describe('Execution environments', () => {
    const url = () => context().runtime.url;

    it('initialises module scope once per environment and keeps it across invocations', async () => {
      const first = await request<{ environmentId: string; invocations: number }>(url(), 'GET', '/counter');
      const second = await request<{ environmentId: string; invocations: number }>(url(), 'GET', '/counter');
      expect(second.body.environmentId).toBe(first.body.environmentId);
      expect(second.body.invocations).toBe(first.body.invocations + 1);
    });

    it('runs concurrent requests in separate environments, one request each', async () => {
      const responses = await Promise.all(
        [1, 2, 3].map(() => request<{ environmentId: string }>(url(), 'GET', '/sleep?ms=500')),
      );
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      // A busy environment takes no second request: three at once need three environments.
      expect(new Set(responses.map((response) => response.body.environmentId)).size).toBe(3);
    });
  });
