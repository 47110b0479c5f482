import { allFaults, describeRule, formatChaosSpec, parseChaosSpec, targetMatches } from '../../../local/chaos/chaos-spec';

const fixedSeed = () => 1234;

describe('the --chaos spec', () => {
  it('reads every fault with its share, the slow-down\'s delay, kills per second, targets and the seed', () => {
    const spec = parseChaosSpec('kill=3/s,throttle=5%,error=0.02@OrderService/*,timeout=0.01,reset=0.01,slow=0.1:1.5s,duplicate=0.05@HandleStockRequest,seed=42');
    expect(spec).toEqual({
      seed: 42,
      rules: [
        { kind: 'kill', perSecond: 3, target: undefined },
        { kind: 'throttle', share: 0.05, target: undefined },
        { kind: 'error', share: 0.02, target: 'OrderService/*' },
        { kind: 'timeout', share: 0.01, target: undefined },
        { kind: 'reset', share: 0.01, target: undefined },
        { kind: 'slow', share: 0.1, delayMs: 1500, target: undefined },
        { kind: 'duplicate', share: 0.05, target: 'HandleStockRequest' },
      ],
    });
  });

  it('expands all to every fault, lets a later entry override one, and draws a seed when none is given', () => {
    const spec = parseChaosSpec('all, kill=0.1', fixedSeed);
    expect(spec.seed).toBe(1234);
    expect(spec.rules.map((rule) => rule.kind)).toEqual(['kill', 'throttle', 'error', 'timeout', 'reset', 'slow', 'duplicate']);
    expect(spec.rules[0]).toEqual({ kind: 'kill', share: 0.1, target: undefined });
    expect(parseChaosSpec('slow=0.5', fixedSeed).rules).toEqual([{ kind: 'slow', share: 0.5, delayMs: 200, target: undefined }]);
  });

  it('writes a spec back so that it reads the same, seed included', () => {
    const spec = parseChaosSpec(`${allFaults},kill=2/s@Handle*,seed=7`);
    expect(parseChaosSpec(formatChaosSpec(spec))).toEqual(spec);
    expect(formatChaosSpec(parseChaosSpec('kill=1@HandlePaymentResult', fixedSeed))).toBe('kill=1@HandlePaymentResult,seed=1234');
  });

  it.each([
    ['', /needs faults/],
    ['kil=0.1', /"kil" is not a fault: the faults are kill, throttle, error, timeout, reset, slow, duplicate/],
    ['throttle', /each fault is kind=rate in "throttle"/],
    ['throttle=1.5', /"1.5" is not a share: write one from 0 to 1 \(0.05\) or a percentage \(5%\)/],
    ['throttle=abc', /"abc" is not a share/],
    ['throttle=', /"" is not a share/],
    ['error=-0.1', /not a share/],
    ['slow=0.1:fast', /"fast" is not a duration: write 200ms or 1.5s/],
    ['slow=0.1:2m', /not a duration/],
    ['slow=0.1:90s', /at most 60 s/],
    ['throttle=0.1:200ms', /throttle takes a share only/],
    ['kill=3/min', /kill takes a share of invocations \(0.02\) or kills per second \(3\/s\)/],
    ['kill=0/s', /kills per second go from above 0 to 100/],
    ['kill=0.1@', /name one function after @/],
    ['kill=0.1@a@b', /name one function after @/],
    ['seed=abc', /the seed is a whole number/],
  ])('refuses %j, saying what is wrong', (text, message) => {
    expect(() => parseChaosSpec(text)).toThrow(message);
  });

  it('names a function by its display name or its last part, * standing for anything', () => {
    expect(targetMatches('HandlePaymentResult', 'OrderService/HandlePaymentResult')).toBe(true);
    expect(targetMatches('OrderService/HandlePaymentResult', 'OrderService/HandlePaymentResult')).toBe(true);
    expect(targetMatches('OrderService/*', 'OrderService/HandleStockResult')).toBe(true);
    expect(targetMatches('Handle*Result', 'OrderService/HandleStockResult')).toBe(true);
    expect(targetMatches('HandlePayment', 'OrderService/HandlePaymentResult')).toBe(false);
    expect(targetMatches('Sleep', 'Conformance/SleepShortTimeout')).toBe(false);
    expect(targetMatches('Service/Place.Order', 'OrderService/PlaceOrder')).toBe(false);
  });

  it('describes each fault in a line for the start-up banner', () => {
    const lines = parseChaosSpec(`${allFaults},kill=3/s@OrderService/*`, fixedSeed).rules.map(describeRule);
    expect(lines).toEqual([
      'kill 2 % of invocations at a random point of their run (SIGKILL)',
      'throttle 5 % of AWS calls (each service\'s throttling error)',
      'fail 2 % of AWS calls with a 500 (before or after the service acted)',
      'never answer 1 % of AWS calls (before or after the service acted)',
      'reset the connection of 1 % of AWS calls (before or after the service acted)',
      'slow 10 % of AWS calls by 200 ms',
      'deliver 5 % of SQS messages to two invocations at once',
      'kill 3 busy execution environments of OrderService/* a second (SIGKILL)',
    ]);
  });
});
