import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

const { stacks } = synthShop();
const sagaStacks = [stacks.order, stacks.inventory, stacks.payment];
const template = (stack: (typeof sagaStacks)[number]) => Template.fromStack(stack);

type Resource = ReturnType<typeof resourcesOfType>[number];
const logicalIdOf = (value: unknown) => {
  const intrinsic = (value ?? {}) as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return intrinsic.Ref ?? intrinsic['Fn::GetAtt']?.[0];
};
const functionOf = (mapping: Resource) => mapping.resources[logicalIdOf(mapping.properties.FunctionName)!]!;

describe('the saga routes', () => {
  const routes = resourcesOfType(sagaStacks, 'AWS::ApiGatewayV2::Route');
  const routeKeys = routes.map((route) => route.properties.RouteKey);
  const adminRoutes = ['PUT /products/{sku}', 'POST /products/{sku}/stock-updates', 'GET /products/{sku}/stock-updates/{updateId}'];

  const rpcRoutes = ['POST /shop.v1.OrderService/GetOrder', 'POST /shop.v1.OrderService/PlaceOrder', 'POST /shop.v1.OrderService/ListOrders'];

  it('exist for every endpoint of the issue, and the Order service\'s RPC calls', () => {
    expect(routeKeys.sort()).toEqual(
      [...adminRoutes, 'GET /products', 'GET /products/{sku}', 'POST /orders', 'GET /orders', 'GET /orders/{orderId}', 'GET /payments/{orderId}', ...rpcRoutes].sort(),
    );
  });

  it('all need a token, and the admin ones the admin scope at the gateway', () => {
    for (const route of routes) {
      expect(route.properties.AuthorizationType).toBe('JWT');
      const scopes = route.properties.AuthorizationScopes;
      if (adminRoutes.includes(route.properties.RouteKey)) expect(scopes).toEqual(['admin']);
      else expect(scopes).toBeUndefined();
    }
  });
});

describe('queues', () => {
  const queues = resourcesOfType(sagaStacks, 'AWS::SQS::Queue');
  const mappings = resourcesOfType(sagaStacks, 'AWS::Lambda::EventSourceMapping');
  const consumed = new Set(mappings.map((mapping) => logicalIdOf(mapping.properties.EventSourceArn)));
  const deadLetterTargets = new Set(queues.map((queue) => logicalIdOf(queue.properties.RedrivePolicy?.deadLetterTargetArn)).filter(Boolean));
  const failureDestinations = new Set(mappings.map((mapping) => logicalIdOf(mapping.properties.DestinationConfig?.OnFailure?.Destination)).filter(Boolean));

  it('are each either consumed with a DLQ after 5 receives (throttled receives count), or a dead-letter destination kept 14 days', () => {
    expect(queues.length).toBe(10);
    for (const queue of queues) {
      if (consumed.has(queue.logicalId)) {
        expect(queue.properties.RedrivePolicy).toEqual({ deadLetterTargetArn: expect.anything(), maxReceiveCount: 5 });
      } else {
        expect(deadLetterTargets.has(queue.logicalId) || failureDestinations.has(queue.logicalId)).toBe(true);
        expect(queue.properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      }
      expect(queue.properties.SqsManagedSseEnabled).toBe(true);
    }
  });

  it('are consumed with partial batch responses, and outlast their consumer six times over', () => {
    const queueMappings = mappings.filter((mapping) => mapping.properties.StartingPosition === undefined);
    expect(queueMappings).toHaveLength(4);
    for (const mapping of queueMappings) {
      expect(mapping.properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      const queue = mapping.resources[logicalIdOf(mapping.properties.EventSourceArn)!]!;
      expect(queue.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * functionOf(mapping).Properties!.Timeout);
    }
  });

  it('take one payment per invocation, so the payment lease lapses with it', () => {
    template(stacks.payment).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      FunctionName: { Ref: Match.stringLikeRegexp('^HandlePaymentRequest') },
    });
  });
});

describe('streams', () => {
  const streamMappings = resourcesOfType(sagaStacks, 'AWS::Lambda::EventSourceMapping').filter((mapping) => mapping.properties.StartingPosition);

  it('are consumed from the start, with partial batch responses, bisection, bounded retries and an on-failure queue', () => {
    expect(streamMappings).toHaveLength(2);
    for (const mapping of streamMappings) {
      expect(mapping.properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
      });
      expect(mapping.properties.ParallelizationFactor ?? 1).toBe(1);
    }
  });

  it('include the inventory-updates stream, encrypted, published for other producers, whose consumer applies stock updates', () => {
    template(stacks.inventory).hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 2,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
    template(stacks.inventory).hasResourceProperties('AWS::SSM::Parameter', { Name: '/shop/streams/inventory-updates/name' });
    template(stacks.inventory).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^InventoryUpdates'), 'Arn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^ApplyStockUpdates') },
    });
  });

  it("include the Orders table's stream of new images, which the outbox publisher consumes", () => {
    template(stacks.order).hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    template(stacks.order).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'StreamArn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^PublishOutbox') },
    });
  });
});

describe('tables', () => {
  it('one per service, with the indexes its listings and the deadline sweeper read', () => {
    for (const stack of sagaStacks) template(stack).resourceCountIs('AWS::DynamoDB::Table', 1);
    template(stacks.order).hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        { IndexName: 'byUser', KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        {
          IndexName: 'byDeadline',
          KeySchema: [{ AttributeName: 'deadlineShard', KeyType: 'HASH' }, { AttributeName: 'deadline', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
    template(stacks.inventory).hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [{ IndexName: 'catalog', KeySchema: [{ AttributeName: 'catalog', KeyType: 'HASH' }, { AttributeName: 'sku', KeyType: 'RANGE' }] }],
    });
  });
});

describe('the order deadline', () => {
  it('is given to PlaceOrder from the orderTimeoutSeconds context (900 s unless set)', () => {
    const timeoutOf = (order: typeof stacks.order) =>
      resourcesOfType([order], 'AWS::Lambda::Function').find((fn) => fn.logicalId.startsWith('PlaceOrder'))!.properties.Environment.Variables.ORDER_TIMEOUT_SECONDS;
    expect(timeoutOf(stacks.order)).toBe('900');
    expect(timeoutOf(synthShop({ context: { orderTimeoutSeconds: '60' } }).stacks.order)).toBe('60');
  });

  it('fails synth on a timeout that is not a number of seconds the sweeper can keep (at least a minute)', () => {
    expect(() => synthShop({ context: { orderTimeoutSeconds: '30' } })).toThrow(/orderTimeoutSeconds=30 is not a number from 60/);
    expect(() => synthShop({ context: { orderTimeoutSeconds: 'soon' } })).toThrow(/orderTimeoutSeconds=soon/);
  });

  it('lets a payment wait for the provider two thirds of it, so a slow provider fails the order before its deadline', () => {
    const maxWaitOf = (payment: typeof stacks.payment) =>
      resourcesOfType([payment], 'AWS::Lambda::Function').find((fn) => fn.logicalId.startsWith('HandlePaymentRequest'))!.properties.Environment.Variables
        .PAYMENT_MAX_WAIT_SECONDS;
    expect(maxWaitOf(stacks.payment)).toBe('600');
    expect(maxWaitOf(synthShop({ context: { orderTimeoutSeconds: '60' } }).stacks.payment)).toBe('40');
  });

  it('is kept by a sweeper that EventBridge Scheduler runs every minute, in a schedule group of the stack, with no stale ticks retried', () => {
    template(stacks.order).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      GroupName: Match.stringLikeRegexp('^OrderService-Schedules'),
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SweepExpiredOrders'), 'Arn'] },
        RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2 },
        // Each tick says when it was scheduled: the sweep is as of that time, or now if later (decision 0055).
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
      },
    });
    template(stacks.order).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^SweepExpiredOrders') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
  });
});

describe('the payment simulator', () => {
  it('takes its failure rate, latency and share of lost answers from context, so an outage is staged without editing code', () => {
    const { stacks: staged } = synthShop({
      context: { paymentSimulatorFailureRate: '0.25', paymentSimulatorLatencyMs: '2500', paymentSimulatorChargedTimeoutRate: '0.1' },
    });
    const environment = resourcesOfType([staged.payment], 'AWS::Lambda::Function').find((fn) => fn.logicalId.startsWith('HandlePaymentRequest'))!.properties
      .Environment.Variables;
    expect(environment).toMatchObject({
      PAYMENT_SIMULATOR_FAILURE_RATE: '0.25',
      PAYMENT_SIMULATOR_LATENCY_MS: '2500',
      PAYMENT_SIMULATOR_CHARGED_TIMEOUT_RATE: '0.1',
    });
    expect(() => synthShop({ context: { paymentSimulatorFailureRate: '2' } })).toThrow(/paymentSimulatorFailureRate=2 is not a number from 0 to 1/);
  });
});

describe('the saga between stacks', () => {
  const ssmParameters = (stack: (typeof sagaStacks)[number]) =>
    Object.values((Template.fromStack(stack).toJSON().Parameters ?? {}) as Record<string, { Default: string }>).map((parameter) => parameter.Default);

  it('has the requester depend on the services it asks, never the other way round', () => {
    expect(stacks.order.dependencies).toEqual(expect.arrayContaining([stacks.inventory, stacks.payment]));
    expect(stacks.inventory.dependencies).not.toContain(stacks.order);
    expect(stacks.payment.dependencies).not.toContain(stacks.order);
  });

  it('finds the request queues through SSM parameters their owners publish', () => {
    for (const [owner, queue] of [
      [stacks.inventory, 'stock-requests'],
      [stacks.payment, 'payment-requests'],
    ] as const) {
      for (const attribute of ['url', 'arn', 'consumer-role-arn']) {
        template(owner).hasResourceProperties('AWS::SSM::Parameter', { Name: `/shop/queues/${queue}/${attribute}` });
        expect(ssmParameters(stacks.order)).toContain(`/shop/queues/${queue}/${attribute}`);
      }
    }
    expect(ssmParameters(stacks.inventory).join()).not.toContain('/shop/queues/');
    expect(ssmParameters(stacks.payment).join()).not.toContain('/shop/queues/');
  });

  it("lets only the other services' consumers send answers to the Order service's result queues", () => {
    const policies = resourcesOfType([stacks.order], 'AWS::SQS::QueuePolicy');
    const answerGrants = policies.flatMap((policy) =>
      policy.properties.PolicyDocument.Statement.filter((statement: { Action: string }) => statement.Action === 'sqs:SendMessage'),
    );
    expect(answerGrants).toHaveLength(2);
    for (const grant of answerGrants) {
      expect(grant).toMatchObject({ Effect: 'Allow', Principal: { AWS: { Ref: expect.stringMatching(/consumerrolearn/i) } } });
    }
  });

  it('gives the outbox publisher every queue address it sends to or names for answers', () => {
    const publisher = resourcesOfType([stacks.order], 'AWS::Lambda::Function').find((fn) => fn.logicalId.startsWith('PublishOutbox'))!;
    expect(Object.keys(publisher.properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['STOCK_REQUESTS_QUEUE_URL', 'STOCK_RESULTS_QUEUE_URL', 'PAYMENT_REQUESTS_QUEUE_URL', 'PAYMENT_RESULTS_QUEUE_URL']),
    );
  });
});
