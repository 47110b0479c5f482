import type { App, Environment } from 'aws-cdk-lib';
import { orderTimeoutSetting } from '../functions/order/domain/order';
import { simulatorSettings } from '../functions/payment/simulator-settings';
import { SystemOverview } from './observability/system-overview';
import { PlatformStack } from './platform/platform-stack';
import type { RouteThrottle } from './platform/route-throttling';
import { applyPolicy } from './policy/policy';
import { InventoryServiceStack } from './services/inventory-service';
import { OrderServiceStack } from './services/order-service';
import { type PaymentSimulatorSettings, PaymentServiceStack } from './services/payment-service';
import { paymentProviderFromContext } from './services/payment-provider';
import { UserServiceStack } from './services/user-service';
import { serviceStackNames } from './stack-names';

/** Deployment settings, from CDK context (`cdk.json` or `-c key=value`). */
export interface ShopSettings {
  readonly corsAllowOrigins: string[];
  readonly deletionProtection: boolean;
  /** Where alarms are mailed (`alarmEmail`: one address, or several separated by commas). */
  readonly alarmEmails: string[];
  /** Requests per second each `/auth/*` route takes (`authRateLimit`), with twice as many in a burst. */
  readonly authThrottle: RouteThrottle;
  /** Concurrency reserved for each of the register and login functions (`authReservedConcurrency`; `none` for none). */
  readonly authReservedConcurrency?: number;
  /** How long an order may stay under way before it is cancelled (`orderTimeoutSeconds`). */
  readonly orderTimeoutSeconds: number;
  /** The payment simulator's outage rate, latency and share of lost answers (`paymentSimulator...`), for drills. */
  readonly paymentSimulator: PaymentSimulatorSettings;
}

const listFromContext = (value: unknown, fallback: string[]): string[] => {
  if (value === undefined) return fallback;
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((item) => item.trim()).filter(Boolean);
};

const positiveIntegerFromContext = (app: App, key: string, fallback: number): number => {
  const value = Number(app.node.tryGetContext(key) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`-c ${key}=${String(app.node.tryGetContext(key))} is not a whole number above 0`);
  return value;
};

/** A number from context (`-c key=value` gives a string) within the setting's bounds, or its default when absent; anything else fails synth, naming the key. */
const numberFromContext = (app: App, key: string, setting: { default: number; min: number; max: number }): number => {
  const raw: unknown = app.node.tryGetContext(key);
  if (raw === undefined) return setting.default;
  const value = Number(raw);
  if (String(raw).trim() === '' || !Number.isFinite(value) || value < setting.min || value > setting.max) {
    throw new Error(`-c ${key}=${String(raw)} is not a number from ${setting.min} to ${setting.max}`);
  }
  return value;
};

export const settingsFromContext = (app: App): ShopSettings => {
  const authRateLimit = positiveIntegerFromContext(app, 'authRateLimit', 25);
  return {
    corsAllowOrigins: listFromContext(app.node.tryGetContext('corsAllowOrigins'), ['*']),
    deletionProtection: String(app.node.tryGetContext('deletionProtection') ?? 'true') !== 'false',
    alarmEmails: listFromContext(app.node.tryGetContext('alarmEmail'), []),
    authThrottle: { rateLimit: authRateLimit, burstLimit: 2 * authRateLimit },
    authReservedConcurrency:
      app.node.tryGetContext('authReservedConcurrency') === 'none' ? undefined : positiveIntegerFromContext(app, 'authReservedConcurrency', 10),
    orderTimeoutSeconds: numberFromContext(app, 'orderTimeoutSeconds', orderTimeoutSetting),
    paymentSimulator: {
      failureRate: numberFromContext(app, 'paymentSimulatorFailureRate', simulatorSettings.failureRate),
      latencyMs: numberFromContext(app, 'paymentSimulatorLatencyMs', simulatorSettings.latencyMs),
      chargedTimeoutRate: numberFromContext(app, 'paymentSimulatorChargedTimeoutRate', simulatorSettings.chargedTimeoutRate),
    },
  };
};

/**
 * How long a payment may wait for an unavailable provider before it is given up: two thirds of the
 * order's time, so that the order fails as PAYMENT_FAILED (its stock released) well before its
 * deadline; the deadline is the backstop for what is lost, not a way to end slow payments.
 */
export const paymentMaxWaitSeconds = (orderTimeoutSeconds: number): number => Math.floor((orderTimeoutSeconds * 2) / 3);

/** Adds the platform and the four service stacks to an app, with policy checks on. */
export const buildShop = (app: App, env?: Environment) => {
  const settings = settingsFromContext(app);
  paymentProviderFromContext(app);
  const platform = new PlatformStack(app, 'Platform', { env, corsAllowOrigins: settings.corsAllowOrigins, alarmEmails: settings.alarmEmails });
  const serviceProps = { env, deletionProtection: settings.deletionProtection };
  const services = {
    user: new UserServiceStack(app, serviceStackNames.user, {
      ...serviceProps,
      authThrottle: settings.authThrottle,
      authReservedConcurrency: settings.authReservedConcurrency,
    }),
    order: new OrderServiceStack(app, serviceStackNames.order, { ...serviceProps, orderTimeoutSeconds: settings.orderTimeoutSeconds }),
    inventory: new InventoryServiceStack(app, serviceStackNames.inventory, serviceProps),
    payment: new PaymentServiceStack(app, serviceStackNames.payment, {
      ...serviceProps,
      maxWaitSeconds: paymentMaxWaitSeconds(settings.orderTimeoutSeconds),
      simulator: settings.paymentSimulator,
    }),
  };
  for (const service of Object.values(services)) service.addStackDependency(platform, 'reads the platform SSM parameters');
  // The saga's requester depends on the services it asks; they answer to return addresses (ADR 0011).
  services.order.addStackDependency(services.inventory, 'sends to the stock-requests queue');
  services.order.addStackDependency(services.payment, 'sends to the payment-requests queue');
  // Names only, no references: the platform stack still deploys before and without the services.
  new SystemOverview(platform, 'Overview', {
    api: platform.httpApi,
    services: Object.values(services).map(({ stackName, service }) => ({ stackName, service })),
  });
  applyPolicy(app);
  return { platform, ...services };
};
