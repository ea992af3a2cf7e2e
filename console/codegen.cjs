// Typed operations for the console, generated from the hub's API schema: the checked-in supergraph without its
// federation machinery and @inaccessible fields, exactly what a client of the gateway can ask for.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { printSchema } = require('graphql');
const { Supergraph } = require('@apollo/federation-internals');

const supergraph = readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
const apiSchema = printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());

/** @type {import('@graphql-codegen/cli').CodegenConfig} */
module.exports = {
  schema: apiSchema,
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: true,
  silent: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, avoidOptionals: false, scalars: { ID: 'string' } },
    },
  },
};
