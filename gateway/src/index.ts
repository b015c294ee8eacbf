export * from './server';
export * from './supergraph';
export * from './fetcher';
