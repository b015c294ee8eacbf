import { In, type DataSource } from 'typeorm';
import { Liaison } from '../entities';

export class LiaisonStore {
  constructor(private readonly dataSource: DataSource) {}

  findByAgencyIds(agencyIds: readonly string[]): Promise<Liaison[]> {
    return this.dataSource.getRepository(Liaison).find({ where: { agencyId: In([...agencyIds]) }, order: { name: 'ASC' } });
  }
}
