// drizzle-kit only generates SQL from the schema here; migrations are applied by
// db/migrate.ts (runMigrations), never by `drizzle-kit push`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
