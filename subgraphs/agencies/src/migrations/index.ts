import { CreateAgencies1764000000000 } from './1764000000000-CreateAgencies';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [CreateAgencies1764000000000];
