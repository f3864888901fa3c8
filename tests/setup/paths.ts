import { fileURLToPath } from "node:url";

export const testTmpDir = fileURLToPath(new URL("../.tmp", import.meta.url));
export const templateDbFile = `${testTmpDir}/template.db`;
