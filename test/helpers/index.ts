export * from './config';
export * from './operations';
export * from './subgraph';
export * from './stack';
export * from './people';
export * from './disclosure';
export * from './tracing';
