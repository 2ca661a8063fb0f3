// What every incoming message passes before any handler sees it. It runs as vscode-jsonrpc's message
// strategy, which sees each message just before it is dispatched, so it works for every transport
// (stdio, IPC, sockets) alike.
//
// The LSP lifecycle: until `initialize` has succeeded a request gets ServerNotInitialized (-32002)
// and a notification is dropped (except `exit`); a second `initialize` is refused, and so is a
// second `initialized` (dropped). Handlers can then rely on the workspace being there, and a client
// that gets the order wrong hears what to do instead of "Cannot read properties of undefined".
//
// Malformed notifications that vscode-languageserver's own handlers would take as they come
// (document sync, $/setTrace, ...) are dropped with a log line (notification-params.ts), and a request
// whose params are not an object (an array, null, a string) is answered InvalidParams.
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type RequestMessage } from "vscode-languageserver/node";
import { malformedNotification } from "./notification-params";

type NotificationResult = ReturnType<MessageStrategy["handleMessage"]>;

/** Internal methods a refused request is re-routed to, so that vscode-jsonrpc answers it with the error. */
const NOT_INITIALIZED = "$/semanticSearch/notInitialized";
const ALREADY_INITIALIZED = "$/semanticSearch/alreadyInitialized";
const BAD_PARAMS = "$/semanticSearch/badParams";

/** Log lines about dropped notifications, at most: a client that floods the server does not flood its log. */
const MAX_DROP_NOTES = 50;

export class MessageGate implements MessageStrategy {
  private initialized = false;
  private initializedNotified = false;
  private log: (message: string) => void = () => undefined;
  private dropNotes = 0;

  /** Called once the initialize handler has set the server up: requests are served from then on. */
  opened(): void {
    this.initialized = true;
  }

  /** The handlers that answer the re-routed requests, and where notes on dropped messages go. */
  register(connection: Connection): void {
    this.log = (message) => connection.console.warn(message);
    connection.onRequest(NOT_INITIALIZED, (params: { method?: string }) => {
      throw new ResponseError(ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" (and wait for its answer) before "${params?.method}".`);
    });
    connection.onRequest(ALREADY_INITIALIZED, () => {
      throw new ResponseError(ErrorCodes.InvalidRequest, `The server is already initialized: "initialize" is sent once. To open another workspace, start another server.`);
    });
    connection.onRequest(BAD_PARAMS, (params: { method?: string }) => {
      throw new ResponseError(ErrorCodes.InvalidParams, `${params?.method}: params must be an object (named parameters), if there are any.`);
    });
  }

  handleMessage(message: Message, next: (message: Message) => NotificationResult): NotificationResult {
    if (Message.isRequest(message)) {
      // An empty array is "no params" as a Lua client writes it (Neovim encodes an empty table as `[]`).
      const request = Array.isArray(message.params) && message.params.length === 0 ? withoutParams(message) : message;
      // JSON-RPC params are an object or an array, and vscode-jsonrpc spreads an array into the handler's
      // arguments, where the last one should be the cancellation token: every request of LSP and of this
      // server takes its parameters by name, so anything but an object (or none) is refused here.
      if (request.params !== undefined && (!request.params || typeof request.params !== "object" || Array.isArray(request.params))) return next(reroute(request, BAD_PARAMS));
      if (request.method === "initialize") return next(this.initialized ? reroute(request, ALREADY_INITIALIZED) : request);
      return next(this.initialized ? request : reroute(request, NOT_INITIALIZED));
    }
    if (Message.isNotification(message)) {
      // Before initialize, notifications are dropped, as LSP says; exit always goes through.
      if (message.method === "exit") return next(message);
      if (!this.initialized) return;
      if (message.method === "initialized") {
        if (this.initializedNotified) return this.drop(message.method, "it was sent already");
        this.initializedNotified = true;
      }
      const why = malformedNotification(message.method, message.params);
      if (why) return this.drop(message.method, why);
    }
    return next(message);
  }

  private drop(method: string, why: string): void {
    if (this.dropNotes++ < MAX_DROP_NOTES) this.log(`ignored a ${method} notification: ${why}${this.dropNotes === MAX_DROP_NOTES ? " (further ones are ignored without a note)" : ""}`);
  }
}

function withoutParams(request: RequestMessage): RequestMessage {
  const { params: _empty, ...rest } = request;
  return rest;
}

function reroute(request: RequestMessage, method: string): Message {
  return { jsonrpc: request.jsonrpc, id: request.id, method, params: { method: request.method } } as Message;
}
