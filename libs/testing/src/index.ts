export { createTestDatabase, testRolePasswords } from './test-database';
export type { TestDatabase, TestDatabaseOptions, TestServiceDatabase } from './test-database';
export { startTestNats } from './test-nats';
export type { TestNats } from './test-nats';
