/**
 * The wire contract and the model every side needs, in one import:
 * the generated message types and codecs, resource arithmetic, task
 * states, ids and validation. Services (grpc-js definitions) are at
 * `@meseta/proto/services`, kept apart so a caller that only reads data
 * does not load gRPC.
 */
export * from './wire';
export * from './resources';
export * from './resource-text';
export * from './task-state';
export * from './ids';
export * from './container-validation';
