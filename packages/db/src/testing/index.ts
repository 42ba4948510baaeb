export { createTestDatabase, useTestDatabase, type TestDatabase } from './database';
