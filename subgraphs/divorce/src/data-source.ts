import { dataSourceOptions, loadConfig, StatementCounter, storeConfig } from '@safety-graph/shared';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

/** For the TypeORM CLI (`typeorm migration:show -d dist/data-source.js`); services open stores through `openStore`. */
export default new DataSource(dataSourceOptions({ config: storeConfig(loadConfig(), 'divorce'), entities, migrations }, new StatementCounter()));
