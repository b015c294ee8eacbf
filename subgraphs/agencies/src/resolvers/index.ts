import type { Resolvers } from '../generated/resolvers';
import { Agency } from './Agency';
import { Liaison } from './Liaison';
import { Query } from './Query';
import { Region } from './Region';

export const resolvers: Resolvers = { Query, Region, Agency, Liaison };
