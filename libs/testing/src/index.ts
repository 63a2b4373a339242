export { createTestDatabase, testRolePasswords } from './test-database';
export type { TestDatabase, TestDatabaseOptions, TestServiceDatabase } from './test-database';
