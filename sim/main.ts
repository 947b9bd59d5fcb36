// Runs the simulator for manual use: `PORT=4010 node --import tsx sim/main.ts`.
import { startSimulator } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  const simulator = await startSimulator({ port, host: process.env.HOST });
  console.log(`PSP simulator listening on ${simulator.url} (Stripe API under /v1, test knobs under /_sim)`);
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
