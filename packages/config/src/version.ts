import fs from 'node:fs';

const rootPackage = JSON.parse(
  fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
) as { version: string };

export const APP_NAME = 'crm';
export const APP_VERSION = rootPackage.version;
