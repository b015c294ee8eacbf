export * from './calendar';
export * from './suppression';
export * from './measures';
export * from './MeasureStore';
export * from './engine';
export * from './rollups';
export * from './arrays';
export * from './statCache';
