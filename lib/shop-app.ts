import type { App, Environment } from 'aws-cdk-lib';
import { SystemOverview } from './observability/system-overview';
import { PlatformStack } from './platform/platform-stack';
import { applyPolicy } from './policy/policy';
import { InventoryServiceStack } from './services/inventory-service';
import { OrderServiceStack } from './services/order-service';
import { PaymentServiceStack } from './services/payment-service';
import { UserServiceStack } from './services/user-service';

/** Deployment settings, from CDK context (`cdk.json` or `-c key=value`). */
export interface ShopSettings {
  readonly adminEmails: string[];
  readonly corsAllowOrigins: string[];
  readonly deletionProtection: boolean;
  /** Where alarms are mailed (`alarmEmail`: one address, or several separated by commas). */
  readonly alarmEmails: string[];
}

const listFromContext = (value: unknown, fallback: string[]): string[] => {
  if (value === undefined) return fallback;
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((item) => item.trim()).filter(Boolean);
};

export const settingsFromContext = (app: App): ShopSettings => ({
  adminEmails: listFromContext(app.node.tryGetContext('adminEmails'), []),
  corsAllowOrigins: listFromContext(app.node.tryGetContext('corsAllowOrigins'), ['*']),
  deletionProtection: String(app.node.tryGetContext('deletionProtection') ?? 'true') !== 'false',
  alarmEmails: listFromContext(app.node.tryGetContext('alarmEmail'), []),
});

/** Adds the platform and the four service stacks to an app, with policy checks on. */
export const buildShop = (app: App, env?: Environment) => {
  const settings = settingsFromContext(app);
  const platform = new PlatformStack(app, 'Platform', { env, corsAllowOrigins: settings.corsAllowOrigins, alarmEmails: settings.alarmEmails });
  const serviceProps = { env, deletionProtection: settings.deletionProtection };
  const services = {
    user: new UserServiceStack(app, 'UserService', { ...serviceProps, adminEmails: settings.adminEmails }),
    order: new OrderServiceStack(app, 'OrderService', serviceProps),
    inventory: new InventoryServiceStack(app, 'InventoryService', serviceProps),
    payment: new PaymentServiceStack(app, 'PaymentService', serviceProps),
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
