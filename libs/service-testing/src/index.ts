export { describeServiceShell } from './service-shell-suite';
export type { ServiceShellSpec } from './service-shell-suite';
export { startServiceProcess, waitUntilReady } from './service-process';
export type { ServiceProcess } from './service-process';
export { closedPort } from './closed-port';
export { waitFor } from './wait-for';
export { loadServiceModules } from './service-modules';
export type { ServiceModules } from './service-modules';
