export {
  createEmulator,
  defaultCredentials,
  type CreateEmulatorOptions,
  type Emulator,
  type RunningServer,
} from './emulator';
export type {
  EmulatorOptions,
  EmulatorOptionsInput,
  Limits,
  TokenCredential,
  UserCredential,
} from './config';
export type { CounterSnapshot } from './http/counters';
export { generateDataset, DEFAULT_UNTIL, type DatasetOptions } from './dataset/generate';
export { SIZES, DATASET_SIZES, type DatasetSize } from './dataset/sizes';
export { EmulatorStore } from './store/store';
export { formatMsk, parseMsk } from './time/moscow';
