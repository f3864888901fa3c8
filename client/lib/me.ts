// Who is signed in, shared by every screen.
import { useQuery } from "@tanstack/solid-query";
import { trpc } from "../trpc.ts";

export const meKey = ["auth.me"] as const;
export const accountKey = ["account.get"] as const;
export const unreadCountKey = ["notification.unreadCount"] as const;

export function useMe() {
  return useQuery(() => ({ queryKey: meKey, queryFn: () => trpc.auth.me.query(), staleTime: 60_000 }));
}
