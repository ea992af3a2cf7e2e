import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * A refused body is read and thrown away rather than cut off: closing the socket while the client is still
 * writing makes it fail with EPIPE before it can read the 413. Past this many bytes the connection is reset.
 */
const MAX_DISCARDED_BODY_BYTES = 16 * MAX_BODY_BYTES;

function discardRestOfBody(req: IncomingMessage, alreadyRead: number): void {
  let discarded = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BODY_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** True (and the body is being discarded) when the declared Content-Length is over the limit. */
export function refuseDeclaredOversizeBody(req: IncomingMessage, res: ServerResponse, limit = MAX_BODY_BYTES): boolean {
  const length = Number(req.headers['content-length']);
  if (!Number.isFinite(length) || length <= limit) return false;
  if (length > MAX_DISCARDED_BODY_BYTES) res.setHeader('connection', 'close');
  else discardRestOfBody(req, 0);
  return true;
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).off('error', onError);
      discardRestOfBody(req, size);
      reject(new HttpError(413, 'BAD_REQUEST', `Request body is larger than ${limit} bytes`));
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error): void => reject(error);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [key, value] of response.headers) headers[key] = value;
  if (response.body.kind === 'complete') {
    // A complete answer says its length: without one Node sends it chunked, and the gateway's node-fetch misreads the
    // end of a chunked answer on a reused keep-alive socket with requests queued behind it as "Premature close"
    // (node-fetch/node-fetch#1767), failing a request the subgraph had answered in full.
    res.writeHead(response.status ?? 200, { ...headers, 'content-length': String(Buffer.byteLength(response.body.string)) });
    res.end(response.body.string);
    return;
  }
  res.writeHead(response.status ?? 200, headers);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export interface GraphQLRequestHandling<TContext> {
  createContext: () => Promise<TContext>;
  /** Runs after execution and before anything is written: if it fails, the caller gets an error instead of the data. */
  beforeRespond?: () => Promise<void>;
  /** The JSON body when the caller has already read it (see `readJsonBody`). */
  body?: unknown;
}

/** Parses a POST body as JSON (size-limited), or throws a 400/413 HttpError. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return parseJsonBody(await readBody(req));
}

/** A body already read, as JSON, or a 400 HttpError. */
export function parseJsonBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
}

/** Runs one GraphQL request through Apollo Server. */
export async function handleGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  { createContext, beforeRespond, body: preRead }: GraphQLRequestHandling<TContext>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = preRead !== undefined ? preRead : req.method === 'POST' ? await readJsonBody(req) : undefined;
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: createContext,
  });
  if (beforeRespond) {
    try {
      await beforeRespond();
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'response withheld', error: String((error as Error)?.message ?? error) }));
      throw new HttpError(503, 'AUDIT_UNAVAILABLE', 'The access could not be recorded in the audit log, so no data is returned');
    }
  }
  await writeResponse(res, response);
}
