export * from './common';
export * from './auth';
export * from './colour';
export * from './records';
export * from './codes';
