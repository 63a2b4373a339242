export { createTestDatabase, testRolePasswords } from './test-database';
export type { TestDatabase, TestDatabaseOptions, TestServiceDatabase } from './test-database';
export { startTestNats } from './test-nats';
export type { TestNats, TestNatsOptions, TestNatsUser } from './test-nats';
export { NatsCluster } from './test-nats-cluster';
export { startTestRedis } from './test-redis';
export type { TestRedis } from './test-redis';
