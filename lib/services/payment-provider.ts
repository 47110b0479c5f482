import type { App } from 'aws-cdk-lib';

/**
 * The payment provider the Payment service charges through. The simulator is the only one so far: it
 * accepts `tok_visa` and declines every other token, so a deployment that takes real orders must not
 * get it by default. Synth fails unless the deployment asks for it by name.
 */
export const paymentProviderFromContext = (app: App): 'simulator' => {
  const provider: unknown = app.node.tryGetContext('paymentProvider');
  if (provider === 'simulator') return provider;
  throw new Error(
    `The Payment service would deploy the payment simulator, which charges no card (paymentProvider is ${JSON.stringify(provider ?? null)}). ` +
      'To deploy it knowingly (a demo, a test stage), pass -c paymentProvider=simulator or set "paymentProvider": "simulator" ' +
      'in cdk.json\'s context; for real payments, add a provider to functions/payment first (docs/payments.md).',
  );
};
