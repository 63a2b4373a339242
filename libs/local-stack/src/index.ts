export { startStack, stopStack, stackEnvironment } from './stack';
export type { StackComponent, StackConnection, StackOptions } from './stack';
export { startNats, stopNats, natsUrl } from './nats-server';
export type { NatsInstance, NatsStartOptions } from './nats-server';
export { startRedis, stopRedis, redisUrl } from './redis-server';
export type { RedisInstance, RedisStartOptions } from './redis-server';
export { embeddedPostgresBinaries } from './postgres-server';
export { freePort, pickPort, isPortFree, waitForPort, canConnect } from './ports';
export { findWorkspaceRoot, stackDirectory } from './workspace-root';
