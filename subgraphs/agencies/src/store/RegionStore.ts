import { In, type DataSource, type FindOptionsWhere } from 'typeorm';
import { Region } from '../entities';

export interface RegionFilter {
  kind?: string | null;
  parentId?: string | null;
  parentCode?: string | null;
  codes?: readonly string[] | null;
}

export class RegionStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(Region);
  }

  findByIds(ids: readonly string[]): Promise<Region[]> {
    return this.repository.findBy({ id: In([...ids]) });
  }

  findByCodes(codes: readonly string[]): Promise<Region[]> {
    return this.repository.findBy({ code: In([...codes]) });
  }

  findByParentIds(parentIds: readonly string[]): Promise<Region[]> {
    return this.repository.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  async list(filter: RegionFilter): Promise<Region[]> {
    const where: FindOptionsWhere<Region> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.parentId) where.parentId = filter.parentId;
    if (filter.parentCode) {
      const [parent] = await this.findByCodes([filter.parentCode]);
      if (!parent) return [];
      where.parentId = parent.id;
    }
    if (filter.codes) where.code = In([...filter.codes]);
    return this.repository.find({ where, order: { code: 'ASC' } });
  }

  async count(): Promise<number> {
    return this.repository.count();
  }
}
