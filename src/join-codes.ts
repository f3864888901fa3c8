// Codes people type or scan to join a session or a campaign: short enough to read
// aloud, random enough not to be guessed (10 symbols of 31 = 49 bits), with no
// 0/O or 1/I/L to misread.
import { customAlphabet } from "nanoid";

export const newJoinCode = customAlphabet("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10);
