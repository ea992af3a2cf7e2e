import { startTracing } from '@hub/tracing';

// index.ts imports this module first: the instrumentations patch http, undici and pg only as they are first loaded.
startTracing('gridhub-housing');
