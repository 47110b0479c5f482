import { declineReasons } from '#shared/contracts/payment';
import { describing, type HttpContract, problem } from '#shared/http-contract';
import * as z from '#shared/zod';
import { paymentStatuses, type viewOf } from './domain/payment';

/** What the Payment service answers, for the OpenAPI document. */

const payment = describing<ReturnType<typeof viewOf>>()(
  z
    .object({
      orderId: z.string(),
      status: z.enum(paymentStatuses),
      amountCents: z.int(),
      attempts: z.int(),
      declineReason: z.optional(z.enum(declineReasons)),
    })
    .check(z.meta({ id: 'Payment', description: 'The payment of an order: PENDING while attempts are under way, then CAPTURED or DECLINED; for a cancelled order REFUNDED (it had been captured) or CANCELLED (nothing was charged).' })),
);

export const paymentContract: HttpContract = {
  'GET /payments/{orderId}': {
    summary: 'The payment of one of the caller’s orders',
    responses: {
      200: { description: 'The payment.', body: payment, example: { orderId: '0f8a7c4e-3b2d-4c1a-9e8f-2a6b5c4d3e21', status: 'CAPTURED', amountCents: 2500, attempts: 1 } },
      404: problem('No payment for this order yet, or not the caller’s order: both answer alike.'),
    },
  },
};
