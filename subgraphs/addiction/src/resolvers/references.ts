/** A reference to an entity another subgraph owns; the gateway resolves the rest. */
export const regionReference = (id: string) => ({ __typename: 'Region', id });
export const agencyReference = (id: string) => ({ __typename: 'Agency', id });
export const agreementReference = (id: string) => ({ __typename: 'Agreement', id });
