// The string every procedure input is built from. PostgreSQL cannot store the NUL
// character in text (SQLite can), so it is refused at the door, with a sentence,
// on both databases alike.
import { z } from "zod";

export const text = () =>
  z.string().refine((value) => !value.includes("\0"), "Remove the NUL character from the text.");
