// Runs the simulator as a process of its own, for manual use and for `holdfast cluster`:
// `PORT=4010 [STRIPE_PORT=4011] [ADYEN_PORT=4012] [STATE_FILE=sim.json] [WEBHOOK_TARGET=http://127.0.0.1:3000] node --import tsx sim/main.ts`.
// With STATE_FILE, a restarted simulator still knows the payments it took.
import { startSimulator } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  const stripePort = Number(process.env.STRIPE_PORT ?? port + 1);
  const adyenPort = Number(process.env.ADYEN_PORT ?? port + 2);
  const simulator = await startSimulator({
    port,
    stripePort,
    adyenPort,
    host: process.env.HOST,
    stateFile: process.env.STATE_FILE,
    webhookTarget: process.env.WEBHOOK_TARGET,
  });
  console.log(
    `PSP simulator: control and risk service on ${simulator.url}, Stripe API on ${simulator.stripeUrl}, Adyen Checkout on ${simulator.adyenUrl}`,
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
