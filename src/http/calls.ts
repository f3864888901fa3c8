// Queries and mutations over HTTP: tRPC's own request resolution, answered in one piece.
//
// Why not tRPC's node-http adapter: its promise settles on the response's "finish",
// which never comes when the client has gone, while the procedure may still be running
// a query. Here the promise settles once the calls are done and the answer is written
// (or could not be), so a shutdown can wait for exactly that before the database closes.
import type http from "node:http";
import type { AnyRouter, inferRouterContext } from "@trpc/server";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { type HTTPBaseHandlerOptions, resolveResponse, type TRPCRequestInfo } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { transformer } from "../wire.ts";

type CallHandlerOptions<TRouter extends AnyRouter> = {
  router: TRouter;
  /** Larger request bodies are refused (413), unread when their length is declared. */
  maxBodyBytes: number;
  createContext: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    info: TRPCRequestInfo,
  ) => Promise<inferRouterContext<TRouter>>;
  onError: HTTPBaseHandlerOptions<TRouter, Request>["onError"];
};

/** The refusal of a request body over the limit, in a sentence. */
export const tooLargeMessage = (maxBodyBytes: number) =>
  `That request is too large: at most ${Math.floor(maxBodyBytes / 1000).toLocaleString("en")} KB.`;

/** Returns a handler for the URL after the API's base (`session.list?input=…`). */
export function createCallHandler<TRouter extends AnyRouter>({
  router,
  maxBodyBytes,
  createContext,
  onError,
}: CallHandlerOptions<TRouter>) {
  // tRPC's error shape, as the transformer writes it, so clients read it like any refusal.
  const tooLarge = JSON.stringify({
    error: transformer.output.serialize({
      message: tooLargeMessage(maxBodyBytes),
      code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 },
    }),
  });
  return async (req: http.IncomingMessage, res: http.ServerResponse, target: string): Promise<void> => {
    if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) {
      // Refused before a byte of it is read; the connection closes rather than drain it.
      res.writeHead(413, { "content-type": "application/json", connection: "close" }).end(tooLarge);
      return;
    }
    // A body without a declared length is counted as it arrives, and refused past the limit.
    const request = incomingMessageToRequest(req, res, { maxBodySize: maxBodyBytes });
    const response = await resolveResponse<TRouter>({
      router,
      req: request,
      path: (target.split("?")[0] ?? "").replace(/\/+$/, ""),
      createContext: ({ info }) => createContext(req, res, info),
      onError,
      error: null,
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (res.destroyed) return; // the client left; the calls ran to the end all the same
    const cookies = response.headers.getSetCookie();
    for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
    if (cookies.length > 0) res.appendHeader("set-cookie", cookies);
    res.writeHead(response.status).end(body);
  };
}
