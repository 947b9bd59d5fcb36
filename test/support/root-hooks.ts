import { installTemporalRuntime } from '../../cli/temporal-runtime';
import { retireTimeSkippingEnv } from './temporal';
import { runTeardown } from './teardown';

// Worker chatter would drown the test report: tests provoke PSP failures on purpose, and
// each retried activity logs a warning. Errors still show.
installTemporalRuntime('error');

export const mochaHooks = {
  // A time-skipping server per test (test/support/temporal.ts): no test inherits another's clock.
  async beforeEach(this: Mocha.Context) {
    this.timeout(30_000);
    await retireTimeSkippingEnv();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await runTeardown();
  },
};
