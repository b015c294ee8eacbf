export * from './store';
export * from './regionScope';
