import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentFile, documentText, shopOpenApiDocument } from '../../lib/openapi/shop-document';
import { routes } from '../e2e/support/routes';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

const { app, stacks } = synthShop();
const declared: string[] = resourcesOfType(Object.values(stacks), 'AWS::ApiGatewayV2::Route').map((route) => route.properties.RouteKey);

describe('the end-to-end bad-input sweep', () => {
  it('knows every route the app declares', () => {
    expect(routes.map((route) => route.key).sort()).toEqual([...declared].sort());
  });
});

describe('the OpenAPI document', () => {
  const { document } = shopOpenApiDocument(app);
  const paths = document.paths as Record<string, Record<string, unknown>>;

  it('describes every route of the synthesized templates, and no other', () => {
    const described = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(described.sort()).toEqual([...declared].sort());
  });

  it(`is what ${documentFile} holds: run \`npm run openapi\` after changing a route, a schema or a contract`, () => {
    expect(readFileSync(join(__dirname, '../..', documentFile), 'utf8')).toBe(documentText(document));
  });
});
