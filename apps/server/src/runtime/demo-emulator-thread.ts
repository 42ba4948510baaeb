import { parentPort, workerData } from 'node:worker_threads';
import { createEmulator, type DatasetSize } from '@crm/moysklad-emulator';

export type DemoEmulatorReady = {
  url: string;
  /** A solution token of the account (weight 1 a request, like an installed app). */
  token: string;
  /** When the generated history ends: every later change is this run's activity. */
  historyEnd: number;
};

export type DemoEmulatorRequest = { type: 'activity'; perMinute: number } | { type: 'close' };

const emulator = createEmulator({
  dataset: (workerData as { dataset: DatasetSize }).dataset,
  seed: 1,
  clock: 'system',
});
const server = await emulator.listen(0);
parentPort!.postMessage({
  url: server.url,
  token: emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token,
  historyEnd: emulator.store.until,
} satisfies DemoEmulatorReady);

parentPort!.on('message', (request: DemoEmulatorRequest) => {
  if (request.type === 'activity') emulator.activity.start(request.perMinute);
  // The thread ends with the emulator (a worker's process.exit ends only the thread).
  else void emulator.close().then(() => process.exit(0));
});
