export * from './http';
export * from './maskErrors';
export * from './subgraph';
export * from './process';
export * from './importer';
export * from './importRows';
export * from './cors';
export * from './compression';
