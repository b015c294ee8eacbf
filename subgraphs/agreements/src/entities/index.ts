import { IdempotencyKey } from '@safety-graph/shared';
import { Agreement } from './Agreement';
import { AgreementDomain } from './AgreementDomain';
import { AgreementParty } from './AgreementParty';
import { Commitment } from './Commitment';
import { Target } from './Target';

export { Agreement, AgreementDomain, AgreementParty, Commitment, Target };
export const entities = [Agreement, AgreementDomain, AgreementParty, Commitment, Target, IdempotencyKey];
