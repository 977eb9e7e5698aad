export * from './ids';
export * from './i18n';
