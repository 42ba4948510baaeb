import { defineConfig } from 'prisma/config';

// Only the CLI reads this file (generate; migrate on a connected machine). The server connects
// through the adapter in src/client.ts and applies migrations with its own migrator.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/crm' },
});
