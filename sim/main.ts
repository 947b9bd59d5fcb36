// Runs the simulator for manual use: `PORT=4010 [WEBHOOK_TARGET=http://127.0.0.1:3000] node --import tsx sim/main.ts`.
import { startSimulator } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  const simulator = await startSimulator({ port, stripePort: port + 1, adyenPort: port + 2, host: process.env.HOST, webhookTarget: process.env.WEBHOOK_TARGET });
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
