import assert from 'node:assert/strict';
import { createRiskActivities, type RiskInput } from '../../activities/risk';
import { loadConfig } from '../../config/config';
import { RISK_ASSESSMENTS_PATH } from '../../sim/risk';
import { startSimulator, type RunningSimulator } from '../../sim/server';
import { simulatorClient } from '../support/simulator-client';

const TIMEOUT_MS = 400;

describe('risk check against the simulated risk service', () => {
  let sim: RunningSimulator;
  let risk: ReturnType<typeof createRiskActivities>;
  let counter = 0;
  const payment = (fields: Partial<RiskInput> = {}): RiskInput => {
    counter += 1;
    return { paymentId: `pay_risk${counter}`, amount: 2_500, currency: 'usd', email: 'jane@example.com', ...fields };
  };

  before(async () => {
    sim = await startSimulator();
    risk = createRiskActivities({
      config: loadConfig({ RISK_TIMEOUT_MS: String(TIMEOUT_MS) }),
      riskUrl: `${sim.url}${RISK_ASSESSMENTS_PATH}`,
    });
  });
  after(() => sim.close());
  afterEach(() => simulatorClient(sim.url).control({ action: 'risk_up' }));

  it('allows an ordinary customer', async () => {
    assert.deepEqual(await risk.assessRisk(payment()), { decision: 'allow', reason: 'no_risk_signals' });
  });

  it('allows a payment without an email', async () => {
    assert.equal((await risk.assessRisk(payment({ email: undefined }))).decision, 'allow');
  });

  it('blocks a customer whose email ends in @risk-block.test', async () => {
    assert.deepEqual(await risk.assessRisk(payment({ email: 'Mallory@Risk-Block.test' })), {
      decision: 'block',
      reason: 'email_domain_blocked',
    });
  });

  it('sends only payment id, amount, currency and email, whatever else the caller passes', async () => {
    // The simulated service refuses unknown fields: a leaked payment method would make it 400.
    const input = { ...payment(), paymentMethod: 'pm_card_visa', card: '4242424242424242' } as RiskInput;
    assert.equal((await risk.assessRisk(input)).decision, 'allow');
    const [logged] = await simulatorClient(sim.url).requests(input.paymentId);
    assert.equal(logged?.status, 200);
  });

  it('reports the service unavailable when it answers 503', async () => {
    await simulatorClient(sim.url).control({ action: 'risk_down' });
    assert.deepEqual(await risk.assessRisk(payment()), { decision: 'unavailable', reason: 'http_503' });
  });

  it('reports the service unavailable when it does not answer within the timeout, without waiting longer', async () => {
    await simulatorClient(sim.url).control({ action: 'risk_down', mode: 'slow' });
    const input = payment();
    const started = performance.now();
    const assessment = await risk.assessRisk(input);
    const elapsed = performance.now() - started;
    assert.deepEqual(assessment, { decision: 'unavailable', reason: 'timeout' });
    assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 1_000, `gave up after ${Math.round(elapsed)} ms`);
    const [logged] = await simulatorClient(sim.url).requests(input.paymentId);
    assert.equal(logged?.status, null, 'the service had not answered yet');
  });

  it('answers again once the service is back up', async () => {
    await simulatorClient(sim.url).control({ action: 'risk_down' });
    assert.equal((await risk.assessRisk(payment())).decision, 'unavailable');
    await simulatorClient(sim.url).control({ action: 'risk_up' });
    assert.equal((await risk.assessRisk(payment())).decision, 'allow');
  });

  it('reports the service unavailable when nothing listens at its address', async () => {
    const stopped = await startSimulator();
    const url = `${stopped.url}${RISK_ASSESSMENTS_PATH}`;
    await stopped.close();
    const unreachable = createRiskActivities({ config: loadConfig({ RISK_TIMEOUT_MS: String(TIMEOUT_MS) }), riskUrl: url });
    assert.deepEqual(await unreachable.assessRisk(payment()), { decision: 'unavailable', reason: 'unreachable' });
  });

  it('allows every payment when no risk service is configured at all', async () => {
    const none = createRiskActivities({ config: loadConfig({}) });
    assert.deepEqual(await none.assessRisk(payment()), { decision: 'allow', reason: 'no_risk_service' });
  });

  it('asks the configured RISK_URL rather than the simulator it would otherwise fall back to', async () => {
    const configured = createRiskActivities({
      config: loadConfig({ RISK_URL: `${sim.url}${RISK_ASSESSMENTS_PATH}`, RISK_TIMEOUT_MS: String(TIMEOUT_MS) }),
      riskUrl: 'http://127.0.0.1:1/nowhere',
    });
    assert.equal((await configured.assessRisk(payment({ email: 'x@risk-block.test' }))).decision, 'block');
  });
});
