export * from './byKeys';
