import { gunzipSync } from 'node:zlib';
import { createEmulator, type CreateEmulatorOptions, type Emulator } from '../src/index';
import { generateDataset } from '../src/dataset/generate';
import type { EmulatorStore } from '../src/store/store';

export const API = '/api/remap/1.2';

let tinyStore: EmulatorStore | undefined;

/** The tiny dataset, generated once per test file and shared by its emulators. */
export function tinyDataset(): EmulatorStore {
  tinyStore ??= generateDataset({ size: 'tiny', seed: 7 });
  return tinyStore;
}

/** An emulator over the shared tiny dataset, limits off unless the test turns them on. */
export function tinyEmulator(options: CreateEmulatorOptions = {}): Emulator {
  return createEmulator({ store: tinyDataset(), limits: { enabled: false }, ...options });
}

/** Response bodies are whatever the API sends; tests read them freely. */
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  raw: string;
}

export function basic(emulator: Emulator, index = 0): string {
  const user = emulator.credentials.users[index]!;
  return `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`;
}

/** Calls the emulator in-process the way a client would, and un-gzips the answer. */
export async function call(
  emulator: Emulator,
  path: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    auth?: string | null;
  } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip', ...init.headers };
  const auth = init.auth === undefined ? basic(emulator) : init.auth;
  if (auth) headers.Authorization = auth;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await emulator.app.request(
    path.startsWith('/') && !path.startsWith(API) && !path.startsWith('/__') ? API + path : path,
    {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    },
  );
  const bytes = Buffer.from(await response.arrayBuffer());
  const raw =
    response.headers.get('content-encoding') === 'gzip'
      ? gunzipSync(bytes).toString('utf8')
      : bytes.toString('utf8');
  return {
    status: response.status,
    headers: response.headers,
    body: raw ? JSON.parse(raw) : null,
    raw,
  };
}

/** GET that must succeed. */
export async function get<T = Json>(
  emulator: Emulator,
  path: string,
  headers?: Record<string, string>,
): Promise<T> {
  const response = await call(emulator, path, { headers });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.raw}`);
  return response.body as T;
}

/** Every row of a list, page by page. */
export async function getAll<T = Json>(emulator: Emulator, path: string): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(emulator, `${path}${separator}limit=1000&offset=${offset}`);
    rows.push(...page.rows);
    if (offset + 1000 >= page.meta.size) return rows;
  }
}
