// Who is signed in, shared by every screen.
import { useQuery } from "@tanstack/solid-query";
import { trpc } from "../trpc.ts";

export const meKey = ["auth.me"] as const;

export function useMe() {
  return useQuery(() => ({ queryKey: meKey, queryFn: () => trpc.auth.me.query(), staleTime: 60_000 }));
}
