import { CreateAgreements1764000000200 } from './1764000000200-CreateAgreements';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [CreateAgreements1764000000200];
