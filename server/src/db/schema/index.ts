export * from './organization';
export * from './identity';
export * from './audit';
export * from './support';
export * from './messaging';
export * from './persons';
export * from './duplicates';
export * from './case-files';
