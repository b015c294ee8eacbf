import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';

export interface SchemaCheck {
  breaking: ListedChange[];
  dangerous: Change[];
  safe: Change[];
}

export interface ListedChange {
  change: Change;
  /** The CHANGELOG entry of the next version that lists it, if any. */
  entry?: string;
  /** Listed with a `Migration:` note saying what clients must change. */
  migrated: boolean;
}

export class SchemaCheckInputError extends Error {}

/** The heading of the next version's section: `## Unreleased` or `## 2.0.0 (unreleased)`. */
const NEXT_VERSION_HEADING = /^##\s+.*\bunreleased\b/i;

/**
 * Compares the published schema with its last version (graphql-inspector's
 * diff) and looks each breaking change up in the next version's section of
 * schema/CHANGELOG.md: a bullet naming the change's path in backticks
 * (`PageInfo.endCursor`) with a `Migration:` note.
 */
export async function checkSchemaChange(oldSdl: string, newSdl: string, changelog: string): Promise<SchemaCheck> {
  const changes = await diff(schemaOf(oldSdl, 'the previous schema'), schemaOf(newSdl, 'the new schema'));
  const entries = nextVersionEntries(changelog);
  const byLevel = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level);
  return {
    breaking: byLevel(CriticalityLevel.Breaking).map((change) => {
      const entry = entries.find((candidate) => candidate.includes(`\`${change.path ?? change.message}\``));
      return { change, entry, migrated: entry !== undefined && /\bmigration:\s*\S/i.test(entry) };
    }),
    dangerous: byLevel(CriticalityLevel.Dangerous),
    safe: byLevel(CriticalityLevel.NonBreaking),
  };
}

export const unlistedBreaking = (check: SchemaCheck): ListedChange[] => check.breaking.filter((listed) => !listed.migrated);

function schemaOf(sdl: string, what: string): GraphQLSchema {
  try {
    return buildSchema(sdl);
  } catch (error) {
    if (error instanceof GraphQLError || error instanceof TypeError || error instanceof Error) {
      throw new SchemaCheckInputError(`${what} is not a valid GraphQL schema: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

/** The bullets (with their continuation lines) of the changelog's next-version section. */
export function nextVersionEntries(changelog: string): string[] {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => NEXT_VERSION_HEADING.test(line));
  if (start < 0) return [];
  const entries: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break;
    if (/^\s{0,1}[-*]\s/.test(line)) entries.push(line);
    else if (entries.length > 0 && /^\s+\S/.test(line)) entries[entries.length - 1] += `\n${line}`;
  }
  return entries;
}
