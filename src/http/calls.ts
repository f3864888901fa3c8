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

type CallHandlerOptions<TRouter extends AnyRouter> = {
  router: TRouter;
  createContext: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    info: TRPCRequestInfo,
  ) => Promise<inferRouterContext<TRouter>>;
  onError: HTTPBaseHandlerOptions<TRouter, Request>["onError"];
};

/** Returns a handler for the URL after the API's base (`session.list?input=…`). */
export function createCallHandler<TRouter extends AnyRouter>({
  router,
  createContext,
  onError,
}: CallHandlerOptions<TRouter>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse, target: string): Promise<void> => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
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
