export { generateDataset, DEFAULT_UNTIL, type DatasetOptions } from './dataset/generate';
export { SIZES, DATASET_SIZES, type DatasetSize } from './dataset/sizes';
export { EmulatorStore } from './store/store';
