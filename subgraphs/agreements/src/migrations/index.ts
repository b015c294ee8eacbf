import { CreateIdempotencyKeys1764000000002 } from '@safety-graph/shared';
import { CreateAgreements1764000000200 } from './1764000000200-CreateAgreements';
import { UniqueAgreementParties1764000000210 } from './1764000000210-UniqueAgreementParties';
import { PartyAcceptance1764000000220 } from './1764000000220-PartyAcceptance';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const migrations = [
  CreateIdempotencyKeys1764000000002,
  CreateAgreements1764000000200,
  UniqueAgreementParties1764000000210,
  PartyAcceptance1764000000220,
];
