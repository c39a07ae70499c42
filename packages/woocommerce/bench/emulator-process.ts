// The emulator for the sync benchmark, in its own process so that its CPU time is not counted.
import { createWooCommerceEmulator, seedWooCommerceShop } from '../../testkit/src/emulators.js';

const orders = Number(process.argv[2] ?? '5000');
const pageLatencyMs = Number(process.argv[3] ?? '5');
const emulator = await createWooCommerceEmulator({ pageLatencyMs });
seedWooCommerceShop(emulator.shop, { orders, seed: 42 });
process.send?.({ url: emulator.url, consumerKey: emulator.consumerKey, consumerSecret: emulator.consumerSecret });
process.on('message', async (message) => {
  if (message === 'stop') {
    await emulator.close();
    process.exit(0);
  }
});
