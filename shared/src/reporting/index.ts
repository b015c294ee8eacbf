export * from './calendar';
export * from './suppression';
