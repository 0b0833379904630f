/**
 * Browser-mode wire protocol: the API contract carried over a loopback WebSocket.
 * The page learns the per-launch token from its URL fragment (`#token=…`, never
 * sent to the server in a request line) and presents it as a WebSocket subprotocol.
 */
import { z } from 'zod';

export const BRIDGE_PATH = '/api';
export const BRIDGE_PROTOCOL = 'tiepdon.v1';
export const TOKEN_PROTOCOL_PREFIX = 'tiepdon.token.';

/** The largest frame either side accepts, in bytes of UTF-8: the server closes a connection that sends more (1009). */
export const BRIDGE_MAX_FRAME_BYTES = 1 << 20;

export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}

export const ClientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
