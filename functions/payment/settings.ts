import { numberEnv, requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';
import type { RetryPolicy } from './domain/retry-policy';
import type { SimulatorOptions } from './provider-simulator';
import { simulatorSettings } from './simulator-settings';
import type { SharedBreakerPolicy } from './shared-breaker';

/** The Payment service's deployment settings, read once per execution environment. See docs/payments.md. */
export const paymentSettings = lazily(() => ({ tableName: requiredEnv('TABLE_NAME') }));

/** What the payment-request consumer needs besides the table. */
export const chargingSettings = lazily(() => {
  const attemptTimeoutMs = numberEnv('PAYMENT_ATTEMPT_TIMEOUT_MS', 2_000, { min: 100, max: 30_000 });
  return {
    /** The consumer's own queue: deferred requests go back on it. */
    paymentRequestsQueueUrl: requiredEnv('PAYMENT_REQUESTS_QUEUE_URL'),
    retry: {
      maxAttempts: numberEnv('PAYMENT_MAX_ATTEMPTS', 3, { min: 1, max: 10 }),
      attemptTimeoutMs,
      backoff: {
        baseDelayMs: numberEnv('PAYMENT_RETRY_BASE_DELAY_MS', 100, { min: 0, max: 10_000 }),
        maxDelayMs: numberEnv('PAYMENT_RETRY_MAX_DELAY_MS', 1_000, { min: 0, max: 10_000 }),
      },
      maxWaitMs: numberEnv('PAYMENT_MAX_WAIT_SECONDS', 900, { min: 0, max: 86_400 }) * 1000,
    } satisfies RetryPolicy,
    breaker: {
      failureThreshold: numberEnv('PAYMENT_BREAKER_FAILURE_THRESHOLD', 5, { min: 1, max: 100 }),
      openMs: numberEnv('PAYMENT_BREAKER_OPEN_SECONDS', 30, { min: 1, max: 3_600 }) * 1000,
      probeTimeoutMs: attemptTimeoutMs * 2,
      cacheMs: numberEnv('PAYMENT_BREAKER_CACHE_MS', 1_000, { min: 0, max: 60_000 }),
    } satisfies SharedBreakerPolicy,
    simulator: {
      failureRate: numberEnv('PAYMENT_SIMULATOR_FAILURE_RATE', simulatorSettings.failureRate.default, simulatorSettings.failureRate),
      latencyMs: numberEnv('PAYMENT_SIMULATOR_LATENCY_MS', simulatorSettings.latencyMs.default, simulatorSettings.latencyMs),
      chargedTimeoutRate: numberEnv('PAYMENT_SIMULATOR_CHARGED_TIMEOUT_RATE', simulatorSettings.chargedTimeoutRate.default, simulatorSettings.chargedTimeoutRate),
    } satisfies SimulatorOptions,
  };
});
