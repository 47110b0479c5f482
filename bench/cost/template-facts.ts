import { readCloudAssembly } from '../../local/assembly/cloud-assembly';

/** What the cost model reads from the synthesized templates. */
export interface TemplateFacts {
  /** By construct path (`OrderService/PlaceOrder`). */
  readonly functions: Record<string, { readonly memoryMb: number; readonly architecture: string }>;
  readonly kinesisShards: number;
  readonly secrets: number;
  /** SQS event source mappings: each keeps Lambda's pollers long-polling its queue. */
  readonly sqsMappings: number;
  /** Tables not billed on demand, which this model does not price. */
  readonly provisionedTables: string[];
}

type Properties = Record<string, unknown>;

export const readTemplateFacts = (assemblyDirectory: string): TemplateFacts => {
  const assembly = readCloudAssembly(assemblyDirectory, { region: 'us-east-1', account: '000000000000' });
  const resources = assembly.stacks.flatMap((stack) => Object.entries(stack.template.Resources ?? {}).map(([id, resource]) => ({ id, ...resource })));
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
  const properties = (resource: { Properties?: Properties }) => resource.Properties ?? {};
  return {
    functions: Object.fromEntries(
      ofType('AWS::Lambda::Function').map((fn) => [
        String(fn.Metadata?.['aws:cdk:path']).replace(/\/Resource$/, ''),
        { memoryMb: Number(properties(fn).MemorySize ?? 128), architecture: String((properties(fn).Architectures as string[] | undefined)?.[0] ?? 'x86_64') },
      ]),
    ),
    kinesisShards: ofType('AWS::Kinesis::Stream').reduce((total, stream) => total + Number(properties(stream).ShardCount ?? 0), 0),
    secrets: ofType('AWS::SecretsManager::Secret').length,
    sqsMappings: ofType('AWS::Lambda::EventSourceMapping').filter((mapping) => properties(mapping).StartingPosition === undefined).length,
    provisionedTables: ofType('AWS::DynamoDB::Table')
      .filter((table) => properties(table).BillingMode !== 'PAY_PER_REQUEST')
      .map((table) => table.id),
  };
};
