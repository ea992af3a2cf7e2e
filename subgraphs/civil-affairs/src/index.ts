import './tracing';
import 'reflect-metadata';
import { runSubgraphMain } from '@hub/subgraph-kit';
import { civilAffairsSubgraph } from './subgraph';

runSubgraphMain(civilAffairsSubgraph);
