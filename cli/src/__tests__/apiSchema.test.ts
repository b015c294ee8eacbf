import { composeSupergraph } from '@safety-graph/gateway';
import { buildSchema, isAbstractType, isObjectType } from 'graphql';
import { possibleTypesOf, publishedSchemaOf, readCommittedApiSchema } from '../apiSchema';

describe('the published API schema (schema/api.graphql, schema/possible-types.json)', () => {
  const published = publishedSchemaOf(composeSupergraph().supergraphSdl);
  const committed = readCommittedApiSchema();

  it('is not stale: the committed files are what `npm run compose` writes now', () => {
    expect(committed.apiSdl).toBe(published.apiSdl);
    expect(committed.possibleTypesJson).toBe(published.possibleTypesJson);
  });

  it('has no federation internals and no @inaccessible field', () => {
    const schema = buildSchema(published.apiSdl);
    const names = Object.keys(schema.getTypeMap());
    expect(names.filter((name) => /^(join|link)__/.test(name))).toEqual([]);
    expect(schema.getDirectives().map((directive) => directive.name)).not.toContain('inaccessible');
    expect(published.apiSdl).not.toMatch(/@(join__|link|inaccessible|external|requires|key)\b/);
    // Used by the query plan between subgraphs, refused from clients.
    for (const name of ['TrafficTarget', 'PreventionTarget', 'FamilyTarget']) {
      const type = schema.getType(name);
      expect(isObjectType(type) && Object.keys(type.getFields())).toEqual(expect.not.arrayContaining(['regionId']));
    }
  });

  it('lists every interface and union with all of its object types in possible-types.json', () => {
    const schema = buildSchema(published.apiSdl);
    const possibleTypes = JSON.parse(published.possibleTypesJson) as Record<string, string[]>;
    const abstractNames = Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => type.name)
      .sort();
    expect(Object.keys(possibleTypes)).toEqual(abstractNames);
    expect(possibleTypes.Target).toEqual(['FamilyTarget', 'PreventionTarget', 'TrafficTarget']);
    expect(possibleTypesOf(schema)).toEqual(possibleTypes);
  });
});
