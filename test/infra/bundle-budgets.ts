/**
 * The most each function's deployed bundle (`index.js`) may weigh, in KiB. A bundle's size is
 * deterministic, unlike its load time (measured by `npm run bench`, never here), and it drives that
 * time. These sit about 5% above the sizes of 2026-11-26 08:41 (docs/benchmarks.md), after zod/mini,
 * the pure SDK clients (DynamoDB's apart) and the semver stand-in took them from about 1,020 to 500 KiB: a function that
 * pulls the whole of zod, an unused SDK client or a large new dependency back in fails here.
 */
export const budgetsKiB: Record<string, number> = {
  'UserService/Register': 520,
  'UserService/Login': 550,
  'UserService/OpenIdConfiguration': 145,
  'UserService/Jwks': 460,
  'UserService/GetMe': 500,
  'UserService/UpdateMe': 515,
  'UserService/RotateSigningKey': 480,
  'UserService/SetRoles': 520,
  'UserService/Api/RouteThrottling/Applier': 500,
  'OrderService/PlaceOrder': 535,
  'OrderService/GetOrder': 520,
  'OrderService/ListOrders': 525,
  'OrderService/HandleStockResult': 540,
  'OrderService/HandlePaymentResult': 540,
  // It takes the payment token out of a published outbox item: DynamoDB's client came in.
  'OrderService/PublishOutbox': 565,
  'OrderService/SweepExpiredOrders': 515,
  'InventoryService/ListProducts': 530,
  'InventoryService/GetProduct': 535,
  'InventoryService/SaveProduct': 535,
  'InventoryService/RequestStockUpdate': 575,
  'InventoryService/GetStockUpdate': 535,
  'InventoryService/ApplyStockUpdates': 550,
  'InventoryService/HandleStockRequest': 575,
  'PaymentService/GetPayment': 520,
  'PaymentService/HandlePaymentRequest': 575,
  // The RPC functions carry Connect (36 KiB) and protobuf-es (101 KiB) besides what their REST twins carry.
  'UserService/GetUserRpc': 660,
  'OrderService/GetOrderRpc': 665,
  'OrderService/PlaceOrderRpc': 685,
  'OrderService/ListOrdersRpc': 670,
  // The generated OpenAPI document (41 KiB) and the HTTP commons, no SDK client; the reference page renders it.
  'UserService/OpenApiDocument': 190,
  'UserService/ApiReference': 200,
};
