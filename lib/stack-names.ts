/**
 * The service stacks' names. Their resources' physical names start with them (`<stack>-<logical id>-…`,
 * on AWS as in the local runtime), which is how operator tools (`npm run redrive`) find the queues.
 */
export const serviceStackNames = { user: 'UserService', order: 'OrderService', inventory: 'InventoryService', payment: 'PaymentService' } as const;
