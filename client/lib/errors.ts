// Server refusals, ready to show next to the field or action they concern.
import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[] | undefined>;

/** Zod's per-field messages, when the server refused the input. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { fieldErrors?: FieldErrors | null } | undefined;
  return data?.fieldErrors ?? {};
}

/** The message for the whole action, unless every field it concerns shows its own beside it. */
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

/** A field's first message (the server names the field of every refusal that concerns one). */
export function fieldError(error: unknown, field: string): string | undefined {
  return fieldErrors(error)[field]?.[0];
}
