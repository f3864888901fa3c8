import { describe, expect, it } from "vitest";
import { createSingleFlight } from "./in-flight.ts";

describe("createSingleFlight", () => {
  it("runs one work per key at a time, shared by whoever asks meanwhile, and again once it ended", async () => {
    const once = createSingleFlight();
    const runs: string[] = [];
    let finish = () => {};
    const work = (key: string) => () =>
      new Promise<void>((resolve) => {
        runs.push(key);
        finish = resolve;
      });
    const first = once("a", work("a"));
    const second = once("a", work("a"));
    expect(second).toBe(first);
    finish();
    await Promise.all([first, second]);
    await once("a", async () => void runs.push("a again"));
    await once("b", async () => void runs.push("b"));
    expect(runs).toEqual(["a", "a again", "b"]);
  });

  it("lets a failed run go, so the next ask tries again", async () => {
    const once = createSingleFlight();
    await expect(once("a", () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    let ran = false;
    await once("a", async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
