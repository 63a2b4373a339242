export { ReplayServer } from './replay-server';
export type { LoggedRequest, ReplayFault, ReplayResponse, ReplayRoute } from './replay-types';
export { REAL_DATA, realBody, realJson, jsonResponse, xmlResponse, splitRecords } from './real-responses';
export { createCaptureLogger } from './capture-logger';
