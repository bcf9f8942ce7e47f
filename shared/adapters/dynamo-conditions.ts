// A conditional write that found its condition false: the SDK's class, or its name when the error
// crossed a module boundary that gave it another class identity.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');
