import * as path from 'node:path';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServiceFunction, type ServiceFunctionProps } from '../constructs/service-function';
import type { ServiceName } from '../observability/business-metrics';
import { ServiceMonitoring } from '../observability/service-monitoring';
import { SharedHttpApi } from '../platform/shared-http-api';

export interface ServiceStackProps extends StackProps {
  /** Protect the service's tables from deletion. */
  readonly deletionProtection: boolean;
}

/**
 * A stack that owns one service: its table, its functions and its routes on the shared API, all of
 * them on the service's dashboard and under its alarms.
 */
export abstract class ServiceStack extends Stack {
  readonly api: SharedHttpApi;

  protected constructor(
    scope: Construct,
    id: string,
    props: ServiceStackProps,
    /** The `service` of its functions' logs, metrics and traces. */
    readonly service: ServiceName,
  ) {
    super(scope, id, props);
    this.api = new SharedHttpApi(this, 'Api');
    new ServiceMonitoring(this, 'Monitoring', { service });
  }

  /** A function of this service, from its handler file in `functions/<service>/handlers/`. */
  protected serviceFunction(id: string, handlerFile: string, props: Omit<ServiceFunctionProps, 'service' | 'entry'> = {}): ServiceFunction {
    const entry = path.join(__dirname, '../../functions', this.service, 'handlers', handlerFile);
    return new ServiceFunction(this, id, { service: this.service, entry, ...props });
  }
}
