import './tracing';
import 'reflect-metadata';
import { runSubgraphMain } from '@hub/subgraph-kit';
import { publicSecuritySubgraph } from './subgraph';

runSubgraphMain(publicSecuritySubgraph);
