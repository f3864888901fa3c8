// A notification's text as the reader should see it: times in the reader's own zone
// (from its data), else the text the server wrote.
import { type Notice, noticeBody as noticeBodyAt } from "../../src/notifications/notice-text.ts";
import { formatDateTime } from "./time.ts";

export const noticeBody = (notice: Notice): string => noticeBodyAt(notice, formatDateTime);
