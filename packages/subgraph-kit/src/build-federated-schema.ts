import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

function deepMerge(target: Record<string, any>, source: Record<string, any>): Record<string, any> {
  for (const [key, value] of Object.entries(source)) {
    target[key] = value && typeof value === 'object' && !Array.isArray(value) && target[key] ? deepMerge({ ...target[key] }, value) : value;
  }
  return target;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it (what `_service { sdl }` returns). */
  sdl: string;
}

/**
 * type-graphql builds the types, @apollo/subgraph adds `_service`/`_entities`. Reference resolvers are
 * deep-merged into the resolver map: a shallow spread would drop the field resolvers of the same type.
 */
export async function buildFederatedSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>, referenceResolvers: ReferenceResolvers = {}): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = deepMerge(createResolversMap(typeGraphqlSchema) as Record<string, any>, referenceResolvers);
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return { schema, sdl };
}

/**
 * Every Person field outside population requires the person's scope from population, so that the
 * population register decides where a person lives and the owning subgraph can check jurisdiction.
 */
export const REQUIRES_ACCESS_SCOPE = '@requires(fields: "accessScope")';
