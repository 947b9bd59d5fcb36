import { installTemporalRuntime } from '../../cli/temporal-runtime';
import { runTeardown } from './teardown';

// Worker chatter would drown the test report: tests provoke PSP failures on purpose, and
// each retried activity logs a warning. Errors still show.
installTemporalRuntime('error');

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await runTeardown();
  },
};
