import { Random } from '../random/prng';
import { EmulatorStore } from '../store/store';
import { DAY, mskDayStart } from '../time/moscow';
import { generateCatalogue } from './catalogue';
import { generateCounterparties } from './counterparties';
import { generateDictionaries } from './dictionaries';
import { generateDocuments } from './documents';
import { russianFaker } from './people';
import { SIZES, type DatasetSize } from './sizes';

/** The history ends at midnight Moscow time, 1 November 2026, unless told otherwise. */
export const DEFAULT_UNTIL = Date.UTC(2026, 9, 31, 21, 0, 0);

export interface DatasetOptions {
  size: DatasetSize;
  seed: number;
  /** End of the generated history (epoch ms); defaults to {@link DEFAULT_UNTIL}. */
  until?: number;
}

/**
 * Builds the whole account deterministically: the same size, seed and end moment give the same
 * rows, ids and documents, down to the byte of every response.
 */
export function generateDataset(options: DatasetOptions): EmulatorStore {
  const profile = SIZES[options.size];
  const until = mskDayStart(options.until ?? DEFAULT_UNTIL);
  const start = until - profile.days * DAY;
  const store = new EmulatorStore(options.seed, until);
  store.size = options.size;
  const stream = (label: string) => new Random(options.seed, label);

  const dictionaryRandom = stream('dictionaries');
  const { accountName } = generateDictionaries(
    store,
    profile,
    russianFaker(stream('dictionary-people')),
    dictionaryRandom,
    start,
  );
  store.accountName = accountName;
  const roles = generateCounterparties(
    store,
    profile,
    russianFaker(stream('counterparty-people')),
    stream('counterparties'),
    start,
    until,
  );
  const catalogue = generateCatalogue(
    store,
    profile,
    stream('catalogue'),
    start,
    until,
    roles.suppliers,
  );
  generateDocuments(store, profile, stream('documents'), start, until, catalogue, roles);
  return store;
}
