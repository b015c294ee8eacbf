import { columnNamed, externalIdOf, importBatch, importedId, type Importer, importRequest, METRICS, optionalText, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { validateTarget } from '../inputs';
import { correctTarget, insertTarget, writerOf } from '../writes/Agreement';
import { agreementIdOf, dateOf, refusedAgency, regionIdOf, type Row } from './rows';

/** A number cell: digits in CSV, a number in JSON Lines; anything else is left for the check to refuse. */
function amountOf(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  const text = optionalText(row, column);
  return text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Targets of MOUs the importing agency leads, set as setTarget sets them. */
export const targetsImporter: Importer = {
  description:
    "Targets of MOUs the importing agency leads, set as setTarget sets them (the MOU DRAFT or ACTIVE, covering the metric's domain). agreementCode; " +
    `metric: ${METRICS.map((known) => known.code).join('|')}; regionCode (the MOU's region or one within it) or regionId; from, to: YYYY-MM-DD; ` +
    'baseline, target: numbers, not negative. A target already imported is compared: a differing row corrects it through the same checks.',
  columns: ['externalId', 'agreementCode', 'metric', 'regionCode', 'regionId', 'from', 'to', 'baseline', 'target'],
  async importRows(rows, lines, context) {
    const refused = refusedAgency(context, lines);
    if (refused) return refused;
    const agreementsContext = createContext(importRequest(context, 'agreements', 'agreements:write'));
    const writer = writerOf(agreementsContext);
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:agreements:targets', context, externalIdOf(row)),
      existingIds: async (ids) => new Set((await agreementsContext.stores.targets.findByIds(ids)).map((target) => target.id)),
      check: async (row) =>
        validateTarget({
          agreementId: await agreementIdOf(agreementsContext, row),
          metric: requiredText(row, 'metric'),
          regionId: regionIdOf(row),
          from: dateOf(row, 'from'),
          to: dateOf(row, 'to'),
          baseline: amountOf(row, 'baseline'),
          target: amountOf(row, 'target'),
        }),
      write: (manager, id, checked) => insertTarget(agreementsContext, manager, id, checked, writer),
      update: (manager, id, checked) => correctTarget(agreementsContext, manager, id, checked, writer),
      columnOf: (argument, row) => {
        const column = columnNamed(argument);
        if (column === undefined || column === 'agreementId') return 'agreementCode';
        return column === 'regionId' && optionalText(row, 'regionCode') !== undefined ? 'regionCode' : column;
      },
    });
  },
};
