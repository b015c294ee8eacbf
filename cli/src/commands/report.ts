import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { mintDevelopmentToken } from '@safety-graph/gateway';
import { DEMO_LAST_FULL_SOLAR_YEAR, loadConfig, referenceAgencies, resolvePeriod, type PeriodInput } from '@safety-graph/shared';
import { toCsv } from '../report/csv';
import { flatten, toTable } from '../report/flatten';
import { commandArgs, runCommand } from '../runCommand';

const REPORTS = join(__dirname, '..', '..', '..', 'reports');
const USAGE = `usage: npm run report -- NAME [--solar-year Y | --from YYYY-MM-DD --to YYYY-MM-DD] [--region CODE]
                         [--format table|csv|json] [--agency CODE]
  runs reports/NAME.graphql through the gateway (GATEWAY_URL, default http://localhost:4000/graphql)
  as --agency (a development token; default POLICE-IR-10) or with SAFETY_GRAPH_TOKEN`;

const available = () =>
  readdirSync(REPORTS)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.replace(/\.graphql$/, ''))
    .sort();

/** `npm run report`: a named, reviewed report document, run through the gateway and printed. */
async function main(): Promise<number> {
  const args = commandArgs(
    {
      allowPositionals: true,
      options: {
        'solar-year': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        region: { type: 'string' },
        format: { type: 'string' },
        agency: { type: 'string' },
        help: { type: 'boolean' },
      },
    },
    `${USAGE}\nreports: ${available().join(', ')}`,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const [name] = positionals;
  if (!name || !available().includes(name)) {
    console.error(`${name ? `no report named ${name}` : 'name a report'}; reports: ${available().join(', ')}\n${USAGE}`);
    return 2;
  }
  const format = values.format ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) {
    console.error(`--format must be table, csv or json\n${USAGE}`);
    return 2;
  }
  const period: PeriodInput =
    values.from || values.to
      ? { from: values.from, to: values.to }
      : { solarYear: values['solar-year'] ? Number(values['solar-year']) : DEMO_LAST_FULL_SOLAR_YEAR };
  try {
    resolvePeriod(period);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const config = loadConfig();
  const query = readFileSync(join(REPORTS, `${name}.graphql`), 'utf8');
  const operation = parse(query).definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode;
  const declared = new Set(operation.variableDefinitions?.map((variable) => variable.variable.name.value));
  const variables: Record<string, unknown> = {};
  if (declared.has('period')) variables.period = period;
  if (declared.has('region')) variables.region = values.region ?? 'IR-10';

  let token = config.env.SAFETY_GRAPH_TOKEN;
  if (!token) {
    const code = values.agency ?? 'POLICE-IR-10';
    const agency = referenceAgencies().find((candidate) => candidate.code === code);
    if (!agency) {
      console.error(`unknown agency ${code}`);
      return 2;
    }
    token = await mintDevelopmentToken(config, { agencyCode: code, agencyKind: agency.kind, ttl: '10m' });
  }
  const url = config.env.GATEWAY_URL ?? `http://localhost:${config.ports.gateway}/graphql`;
  let answer: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, operationName: operation.name?.value }),
      signal: AbortSignal.timeout(60_000),
    });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    console.error(`the gateway at ${url} did not answer (${(error as Error).message}); is npm start running?`);
    return 1;
  }
  for (const error of answer.errors ?? []) {
    console.error(`error${error.path ? ` at ${error.path.join('.')}` : ''}: ${error.message} (${error.extensions?.code ?? 'no code'})`);
  }
  if (answer.data) {
    if (format === 'json') {
      console.log(JSON.stringify(answer.data, null, 2));
    } else {
      const rows = flatten(answer.data);
      console.log(format === 'csv' ? toCsv(rows) : toTable(rows));
    }
  }
  return answer.errors?.length ? 1 : 0;
}

runCommand('report', main);
