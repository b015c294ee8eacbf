import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { AgenciesContext } from '../context';
import { Agency } from './Agency';
import { Liaison } from './Liaison';
import { Query } from './Query';
import { Region } from './Region';

export const resolvers = { Query, Region, Agency, Liaison } as unknown as GraphQLResolverMap<AgenciesContext>;
