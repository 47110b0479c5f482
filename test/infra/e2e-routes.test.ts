import { routes } from '../e2e/support/routes';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

describe('the end-to-end bad-input sweep', () => {
  it('knows every route the app declares', () => {
    const { stacks } = synthShop();
    const declared = resourcesOfType(Object.values(stacks), 'AWS::ApiGatewayV2::Route').map((route) => route.properties.RouteKey);
    expect(routes.map((route) => route.key).sort()).toEqual([...declared].sort());
  });
});
