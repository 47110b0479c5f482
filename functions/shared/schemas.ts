import * as z from './zod';

/** A person's or a product's name: surrounding spaces dropped, then 1 to `maxLength` characters. */
export const requiredName = (maxLength: number) => z.string().check(z.trim(), z.minLength(1, 'A name is required.'), z.maxLength(maxLength));

/** The `{orderId}` path parameter of `GET /orders/{orderId}` and `GET /payments/{orderId}`. */
export const orderIdPath = z.strictObject({ orderId: z.uuid() });
