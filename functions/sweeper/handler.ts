// Every 15 minutes (EventBridge): articles past their stage's deadline get their message again,
// or are marked failed after MAX_SWEEPS attempts (shared/pipeline/sweeper.ts).

import { sweepOverdue } from '../../shared/pipeline/sweeper.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { sweeperDeps } from '../../shared/runtime/wiring.js';

export const handler = lambdaHandler(lambdaRuntime('sweeper'), (platform) => {
  const deps = sweeperDeps(platform);
  return async () => sweepOverdue(deps);
});
