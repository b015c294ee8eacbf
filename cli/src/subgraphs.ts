import { addiction } from '@safety-graph/addiction';
import { agencies } from '@safety-graph/agencies';
import { agreements } from '@safety-graph/agreements';
import { divorce } from '@safety-graph/divorce';
import { traffic } from '@safety-graph/traffic';
import type { SubgraphContext, SubgraphModule, SubgraphName } from '@safety-graph/shared';

/** Every subgraph module, by name, in the order they start. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule<SubgraphContext>> = {
  agencies: agencies,
  agreements: agreements,
  traffic: traffic,
  addiction: addiction,
  divorce: divorce,
};
