import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SharedHttpApi } from '../platform/shared-http-api';

export interface ServiceStackProps extends StackProps {
  /** Protect the service's tables from deletion. */
  readonly deletionProtection: boolean;
}

/** A stack that owns one service: its table, its functions and its routes on the shared API. */
export abstract class ServiceStack extends Stack {
  readonly api: SharedHttpApi;

  protected constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.api = new SharedHttpApi(this, 'Api');
  }
}
