import './tracing';
import 'reflect-metadata';
import { runSubgraphMain } from '@hub/subgraph-kit';
import { populationSubgraph } from './subgraph';

runSubgraphMain(populationSubgraph);
