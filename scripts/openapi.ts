/**
 * `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document of every route the CDK app
 * declares, from the handlers' zod schemas, the protobuf messages and functions/<service>/http-contract.ts.
 * Run it after changing a route, a schema or a contract; `npm test` fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { documentFile, documentText, shopOpenApiDocument } from '../lib/openapi/shop-document';
import { buildShop } from '../lib/shop-app';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], paymentProvider: 'simulator' } });
buildShop(app);
const { document, undescribed } = shopOpenApiDocument(app);
writeFileSync(join(__dirname, '..', documentFile), documentText(document));
console.log(`Wrote ${documentFile}: ${Object.keys(document.paths as object).length} paths.`);
if (undescribed.length > 0) console.warn(`Routes whose answers no http-contract.ts describes yet (any 2xx JSON passes for them): ${undescribed.join(', ')}`);
