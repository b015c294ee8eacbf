import type { DataSource } from 'typeorm';
import { CounselingSession, CounselingUnit } from '../entities';

/** Sessions belong to cases and are as sensitive: only those of units the asking agency hosts. */
export class CounselingSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  findByCaseIdsHostedBy(caseIds: readonly string[], hostAgencyId: string): Promise<CounselingSession[]> {
    return this.dataSource
      .getRepository(CounselingSession)
      .createQueryBuilder('session')
      .innerJoin(CounselingUnit, 'unit', 'unit.id = session.unitId AND unit.hostAgencyId = :hostAgencyId', { hostAgencyId })
      .where('session.caseId IN (:...caseIds)', { caseIds: [...caseIds] })
      .orderBy('session.heldOn', 'ASC')
      .addOrderBy('session.id', 'ASC')
      .getMany();
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(CounselingSession).count();
  }
}
