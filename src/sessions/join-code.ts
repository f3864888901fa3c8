// Join codes: short enough to read aloud, random enough not to be guessed
// (10 symbols of 31 = 49 bits). No 0/O, 1/I/L to misread.
import { customAlphabet } from "nanoid";

export const newJoinCode = customAlphabet("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10);
