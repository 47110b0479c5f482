/*
 * What a synthesized template watches: the metric dimensions its dashboards graph and its alarms
 * evaluate, and the resources none of them covers. Everything is derived from the template, so a new
 * function, queue, stream, table or route without monitoring shows up here.
 */
type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One metric's dimensions, with references to resources written as `Ref:<id>` or `GetAtt:<id>.<attribute>`. */
type Dimensions = Record<string, string>;

const referenceText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const intrinsic = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (intrinsic?.Ref) return `Ref:${intrinsic.Ref}`;
  if (intrinsic?.['Fn::GetAtt']) return `GetAtt:${intrinsic['Fn::GetAtt'].join('.')}`;
  return 'Token';
};

/** A dashboard body is a string, or a Fn::Join of strings and references inside the JSON's strings. */
const dashboardBody = (body: unknown): { widgets: { properties?: { metrics?: unknown[][] } }[] } => {
  const parts = typeof body === 'string' ? [body] : ((body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? []);
  return JSON.parse(parts.map(referenceText).join(''));
};

/** `[namespace, name, key, value, key, value, ..., options?]`; metric math rows have no dimensions. */
const dimensionsOfRow = (row: unknown[]): Dimensions => {
  const dimensions: Dimensions = {};
  for (let index = 2; index + 1 < row.length; index += 2) {
    if (typeof row[index] === 'string' && typeof row[index + 1] === 'string') dimensions[row[index] as string] = row[index + 1] as string;
  }
  return dimensions;
};

const resourcesOf = (template: Template, type: string) =>
  Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => ({ logicalId, properties: resource.Properties ?? {} }));

export const dashboardDimensions = (template: Template): Dimensions[] =>
  resourcesOf(template, 'AWS::CloudWatch::Dashboard').flatMap(({ properties }) =>
    dashboardBody(properties.DashboardBody).widgets.flatMap((widget) => (widget.properties?.metrics ?? []).map(dimensionsOfRow)),
  );

const dimensionList = (list: { Name: string; Value: unknown }[] = []): Dimensions =>
  Object.fromEntries(list.map(({ Name, Value }) => [Name, referenceText(Value)]));

/** The metric an alarm evaluates: its own, or the one inside its metric math (cdk-monitoring-constructs fills gaps with math). */
export interface AlarmedMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly statistic?: string;
  readonly dimensions: Dimensions;
}

type MetricStat = { Metric: { Namespace?: string; MetricName?: string; Dimensions?: { Name: string; Value: unknown }[] }; Stat?: string };

export const alarmedMetrics = (properties: Record<string, any>): AlarmedMetric[] => [ // eslint-disable-line @typescript-eslint/no-explicit-any
  ...(properties.MetricName
    ? [
        {
          namespace: properties.Namespace,
          metricName: properties.MetricName,
          statistic: properties.Statistic ?? properties.ExtendedStatistic,
          dimensions: dimensionList(properties.Dimensions),
        },
      ]
    : []),
  ...((properties.Metrics ?? []) as { MetricStat?: MetricStat }[])
    .filter((metric) => metric.MetricStat)
    .map(({ MetricStat }) => ({
      namespace: MetricStat!.Metric.Namespace,
      metricName: MetricStat!.Metric.MetricName,
      statistic: MetricStat!.Stat,
      dimensions: dimensionList(MetricStat!.Metric.Dimensions),
    })),
];

export const alarmDimensions = (template: Template): Dimensions[] =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm').flatMap(({ properties }) => alarmedMetrics(properties).map((metric) => metric.dimensions));

/** The resources that must be watched, each with the dimensions that single it out in a metric. */
export const watchableResources = (template: Template): { name: string; dimensions: Dimensions }[] => [
  ...resourcesOf(template, 'AWS::Lambda::Function').map(({ logicalId }) => ({ name: `function ${logicalId}`, dimensions: { FunctionName: `Ref:${logicalId}` } })),
  ...resourcesOf(template, 'AWS::SQS::Queue').map(({ logicalId }) => ({ name: `queue ${logicalId}`, dimensions: { QueueName: `GetAtt:${logicalId}.QueueName` } })),
  ...resourcesOf(template, 'AWS::Kinesis::Stream').map(({ logicalId }) => ({ name: `stream ${logicalId}`, dimensions: { StreamName: `Ref:${logicalId}` } })),
  ...resourcesOf(template, 'AWS::DynamoDB::Table').map(({ logicalId }) => ({ name: `table ${logicalId}`, dimensions: { TableName: `Ref:${logicalId}` } })),
  ...resourcesOf(template, 'AWS::Scheduler::Schedule').map(({ logicalId, properties }) => ({
    name: `schedule ${logicalId}`,
    dimensions: { ScheduleGroup: referenceText(properties.GroupName ?? 'default') },
  })),
  ...resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(({ properties }) => {
    const [method, path] = String(properties.RouteKey).split(' ');
    return { name: `route ${properties.RouteKey}`, dimensions: { Method: method!, Resource: path! } };
  }),
];

const covers = (candidates: Dimensions[], wanted: Dimensions) =>
  candidates.some((dimensions) => Object.entries(wanted).every(([name, value]) => dimensions[name] === value));

/** The resources of a template that no dashboard graphs, and those no alarm watches. */
export const unwatched = (template: Template) => {
  const resources = watchableResources(template);
  const [graphed, alarmed] = [dashboardDimensions(template), alarmDimensions(template)];
  return {
    offDashboard: resources.filter(({ dimensions }) => !covers(graphed, dimensions)).map(({ name }) => name),
    withoutAlarm: resources.filter(({ dimensions }) => !covers(alarmed, dimensions)).map(({ name }) => name),
  };
};
