import { addiction } from '@safety-graph/addiction';
import { agencies } from '@safety-graph/agencies';
import { agreements } from '@safety-graph/agreements';
import { divorce } from '@safety-graph/divorce';
import { traffic } from '@safety-graph/traffic';
import type { SubgraphContext, SubgraphModule, SubgraphName } from '@safety-graph/shared';

/** Every subgraph module, by name, in the order they start. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule<SubgraphContext>> = {
  agencies: agencies as unknown as SubgraphModule<SubgraphContext>,
  agreements: agreements as unknown as SubgraphModule<SubgraphContext>,
  traffic: traffic as unknown as SubgraphModule<SubgraphContext>,
  addiction: addiction as unknown as SubgraphModule<SubgraphContext>,
  divorce: divorce as unknown as SubgraphModule<SubgraphContext>,
};
