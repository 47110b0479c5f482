/**
 * The cold-start floors as a CDK app: one ServiceFunction per floor entry (context `coldStartFloors`),
 * so a floor is bundled exactly as the functions it is compared with, whatever ServiceFunction's
 * bundling settings become.
 */
import { App, Stack } from 'aws-cdk-lib';
import { ServiceFunction } from '../../lib/constructs/service-function';

export const floorStackName = 'ColdStartFloors';

const app = new App();
const stack = new Stack(app, floorStackName);
for (const { id, entry } of app.node.getContext('coldStartFloors') as { id: string; entry: string }[]) {
  new ServiceFunction(stack, id, { service: 'cold-start-floor', entry });
}
