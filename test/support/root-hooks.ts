import { DefaultLogger, Runtime } from '@temporalio/worker';
import { runTeardown } from './teardown';

// Worker lifecycle chatter at INFO would drown the test report; warnings still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await runTeardown();
  },
};
