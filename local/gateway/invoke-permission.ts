/**
 * API Gateway's own question before it invokes a function, for an integration or an authorizer: does
 * the function's resource policy let `apigateway.amazonaws.com` invoke it from `sourceArn` (the
 * `AWS::Lambda::Permission` an integration or authorizer adds), or, when API Gateway invokes it as a
 * role (`credentialsArn`), does that role's policy? On AWS a refusal is a 500 before the function runs
 * ("Execution failed due to configuration error: Invalid permissions on Lambda function").
 */
export interface InvokePermissionRequest {
  readonly functionArn: string;
  /** `arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<resource path>`, or `.../authorizers/<authorizer id>`. */
  readonly sourceArn: string;
  readonly credentialsArn?: string;
  /** For the log: the API and route or authorizer. */
  readonly what: string;
}

export type InvokePermission = (request: InvokePermissionRequest) => Promise<boolean>;

/** `arn:aws:execute-api:<region>:<account>:<api id>/...` → the ARN API Gateway gives when it calls an authorizer of that API. */
export const authorizerSourceArn = (executeApiArn: string, authorizerId: string): string => `${executeApiArn.split('/')[0]}/authorizers/${authorizerId}`;
