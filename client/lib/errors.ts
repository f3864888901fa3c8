// Server refusals, ready to show next to the field or action they concern.
import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[] | undefined>;

/** Zod's per-field messages, when the server refused the input. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { fieldErrors?: FieldErrors | null } | undefined;
  return data?.fieldErrors ?? {};
}

/** The message for the whole action; "field: problem" messages drop the field name when the field shows it. */
export function actionError(error: unknown, shownFields: string[] = []): string | null {
  if (!error) return null;
  if (error instanceof TRPCClientError) {
    const fields = fieldErrors(error);
    const unshown = Object.keys(fields).filter((field) => !shownFields.includes(field));
    if (Object.keys(fields).length > 0 && unshown.length === 0) return null;
    if (error.message.startsWith("Failed to fetch") || error.message.includes("NetworkError")) {
      return "Cannot reach Quorum. Check your connection and try again.";
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A field's first message, from zod field errors or a "field: message" refusal. */
export function fieldError(error: unknown, field: string): string | undefined {
  const fromZod = fieldErrors(error)[field]?.[0];
  if (fromZod) return fromZod;
  if (error instanceof TRPCClientError && error.message.startsWith(`${field}: `)) {
    return error.message.slice(field.length + 2);
  }
  return undefined;
}
