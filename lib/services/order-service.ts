import type { Construct } from 'constructs';
import { ServiceStack, type ServiceStackProps } from './service-stack';

/** The Order service. Its table, functions and routes arrive with the saga. */
export class OrderServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
  }
}
