import './tracing';
import 'reflect-metadata';
import { runSubgraphMain } from '@hub/subgraph-kit';
import { housingSubgraph } from './subgraph';

runSubgraphMain(housingSubgraph);
