export * from './access';
export * from './caller';
export * from './roles';
export * from './secrets';
export * from './signature';
export * from './guard';
export * from './pseudonym';
export * from './nonces';
