import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";

export const UserSearchInput = z.strictObject({
  query: text().trim().min(2, { message: "Type at least 2 characters." }).max(100),
  limit: wholeNumber(1, 50).default(10),
});

export const UserSetRoleInput = z.strictObject({ userId: Id, role: z.enum(["user", "admin"]) });
