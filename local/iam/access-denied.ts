import type { ServiceError } from '../front-door/error-answers';

/** How each service words and codes an access denial (as its API reference and real answers show it). */
const shapes: Record<string, Omit<ServiceError, 'message'> & { displayAction?: (action: string) => string }> = {
  dynamodb: { code: 'AccessDeniedException', status: 400, jsonType: 'com.amazon.coral.service#AccessDeniedException', messageKey: 'Message' },
  'dynamodb-streams': { code: 'AccessDeniedException', status: 400, jsonType: 'com.amazon.coral.service#AccessDeniedException', messageKey: 'Message' },
  // SQS names the action in lower case ("sqs:sendmessage"); its JSON protocol carries the query protocol's code too.
  sqs: {
    code: 'AccessDenied',
    status: 403,
    jsonType: 'com.amazon.coral.service#AccessDeniedException',
    queryCompatibleCode: 'AccessDenied',
    displayAction: (action) => action.toLowerCase(),
  },
  kinesis: { code: 'AccessDeniedException', status: 400 },
  secretsmanager: { code: 'AccessDeniedException', status: 400, messageKey: 'Message' },
  events: { code: 'AccessDeniedException', status: 400 },
  // SNS says "SNS:Publish".
  sns: { code: 'AuthorizationError', status: 403, displayAction: (action) => action.replace(/^sns:/, 'SNS:') },
  lambda: { code: 'AccessDeniedException', status: 403 },
};

/** The error a service answers when IAM denies `action`: its code, status and its wording of AWS's message. */
export const accessDeniedError = (service: string, action: string, message: string): ServiceError => {
  const { displayAction, ...shape } = shapes[service] ?? { code: 'AccessDeniedException', status: 400 };
  return { ...shape, message: displayAction ? message.split(action).join(displayAction(action)) : message };
};
