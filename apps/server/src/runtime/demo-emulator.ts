import { Worker } from 'node:worker_threads';
import type { DatasetSize } from '@crm/moysklad-emulator';
import type { DemoEmulatorReady, DemoEmulatorRequest } from './demo-emulator-thread';

/** The demo's local MoySklad, running on a thread of its own. */
export type DemoEmulator = DemoEmulatorReady & {
  startActivity(perMinute: number): void;
  close(): Promise<void>;
};

/**
 * Generates the demo account and serves it on its own thread: the emulator builds pages of
 * several megabytes of JSON at once, which on the server's thread would hold up API requests and
 * the very sync that reads them, and a second core shortens the first sync.
 */
export async function startDemoEmulator(
  dataset: DatasetSize,
  onError: (error: Error) => void,
): Promise<DemoEmulator> {
  const worker = new Worker(new URL('./demo-emulator-thread.ts', import.meta.url), {
    workerData: { dataset },
    // The server's TypeScript runs through tsx, which bin/crm-server.js registers on this thread only.
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = await new Promise<DemoEmulatorReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the demo emulator stopped before it listened')));
  });
  worker.on('error', onError);
  const send = (request: DemoEmulatorRequest) => worker.postMessage(request);
  return {
    ...ready,
    startActivity: (perMinute) => send({ type: 'activity', perMinute }),
    async close() {
      send({ type: 'close' });
      await exited;
    },
  };
}
