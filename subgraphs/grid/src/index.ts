import './tracing';
import 'reflect-metadata';
import { runSubgraphMain } from '@hub/subgraph-kit';
import { gridSubgraph } from './subgraph';

runSubgraphMain(gridSubgraph);
