export * from './languages';
export * from './roles';
export * from './permissions';
export * from './api';
export * from './documents';
export * from './audit';
