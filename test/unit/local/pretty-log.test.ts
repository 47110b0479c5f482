import type { FunctionSpec } from '../../../local/assembly/app-model';
import { prettyLog } from '../../../local/logs/pretty-log';

const fn = { displayName: 'OrderService/PlaceOrder' } as FunctionSpec;

const render = (line: string) => {
  let written = '';
  prettyLog((text) => (written += text), false).functionLine(fn, line);
  return written.replace(/^\S+ /, '');
};

describe('the readable function log', () => {
  it('shows a Powertools line as level, message and its own keys', () => {
    const line = JSON.stringify({ level: 'INFO', message: 'Order placed', service: 'order', timestamp: 't', orderId: 'o-1', lines: 2 });
    expect(render(line)).toBe('OrderService/PlaceOrder INFO Order placed orderId=o-1 lines=2\n');
  });

  it('shows an embedded metric format line as its metric values, without the _aws metadata', () => {
    const line = JSON.stringify({
      _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'Shop', Dimensions: [['service']], Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }] }] },
      service: 'order',
      OrdersPlaced: 1,
    });
    expect(render(line)).toBe('OrderService/PlaceOrder METRICS OrdersPlaced=1\n');
  });

  it('shows a stack trace under the message of an error line', () => {
    const line = JSON.stringify({ level: 'ERROR', message: 'Failed', error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at here' } });
    expect(render(line)).toBe('OrderService/PlaceOrder ERROR Failed\n    Error: boom\n        at here\n');
  });
});
