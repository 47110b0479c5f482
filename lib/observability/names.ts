import { Aws } from 'aws-cdk-lib';

/*
 * Names that stacks agree on without referring to each other: the overview in the platform stack
 * shows each service's health alarm and links to its dashboard by name, so no stack depends on another.
 */

export const overviewDashboardName = 'Shop-Overview';

export const serviceDashboardName = (stackName: string): string => `Shop-${stackName}`;

/** A composite alarm, in ALARM while any alarm of the service is. */
export const healthAlarmName = (stackName: string): string => `${stackName}-Health`;

export const dashboardUrl = (dashboardName: string): string =>
  `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${dashboardName}`;
