// Asserting on refusals: the tRPC code, and that the message is for humans.
import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

type Code = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS";

export async function expectRefusal(promise: Promise<unknown>, code: Code, message?: RegExp | string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected a ${code} refusal, but the call succeeded`).not.toBeNull();
  const actualCode =
    error instanceof TRPCError
      ? error.code
      : error instanceof TRPCClientError
        ? (error.data as { code?: string } | undefined)?.code
        : String(error);
  expect(actualCode, String((error as Error)?.message)).toBe(code);
  if (message) expect((error as Error).message).toMatch(message);
  return error as Error;
}
