export * from './ids';
export * from './i18n';
export * from './schemas';
export * from './codes';
export * from './colour';
