// Notifications, unread first; they arrive live (see the badge in the header).
import { A } from "@solidjs/router";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { pollCodeOf } from "../../src/polls/choices.ts";
import { focusWhenShown } from "../lib/focus.ts";
import { noticeBody } from "../lib/notice-text.ts";
import { formatDateTime } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

export default function Inbox() {
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(() => ({
    queryKey: ["notification.list"],
    queryFn: ({ pageParam }) => trpc.notification.list.query({ limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["notification.list"] });
    void queryClient.invalidateQueries({ queryKey: ["notification.unreadCount"] });
  };
  const markRead = useMutation(() => ({
    mutationFn: (id: string) => trpc.notification.markRead.mutate({ notificationIds: [id] }),
    onSuccess: refresh,
  }));
  const markAll = useMutation(() => ({ mutationFn: () => trpc.notification.markAllRead.mutate(), onSuccess: refresh }));
  const items = () => list.data?.pages.flatMap((p) => p.items) ?? [];
  let heading: HTMLHeadingElement | undefined;
  return (
    <section>
      <div class="spread">
        <h1 tabindex="-1" ref={heading}>
          Inbox
        </h1>
        <Show when={items().some((n) => !n.readAt)}>
          <button
            type="button"
            class="secondary"
            onClick={() => markAll.mutate(undefined, { onSuccess: () => focusWhenShown(() => heading) })}
          >
            Mark all as read
          </button>
        </Show>
      </div>
      <ul class="people" data-testid="inbox">
        <For each={items()} fallback={<li class="muted">Nothing here yet.</li>}>
          {(n) => (
            <li class={n.readAt ? "" : "unread card"} data-notice={n.id}>
              <div class="grow">
                <strong>{n.title}</strong>
                <Show when={n.type !== "session_updated" && n.gameSession}>
                  {(session) => <div class="muted">The session: {formatDateTime(session().startsAt)}</div>}
                </Show>
                <Show when={noticeBody(n)}>{(body) => <div>{body()}</div>}</Show>
                <div>
                  <small class="muted">
                    {formatDateTime(n.createdAt)}
                    <Show when={n.gameSessionId}>
                      {(id) => (
                        <>
                          {" · "}
                          {/* Opening it is reading it. */}
                          <A href={`/sessions/${id()}`} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                            Open the session
                          </A>
                        </>
                      )}
                    </Show>
                    <Show when={!n.gameSessionId && pollCodeOf(n.data)}>
                      {(code) => (
                        <>
                          {" · "}
                          <A href={`/polls/${code()}`} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                            Open the poll
                          </A>
                        </>
                      )}
                    </Show>
                  </small>
                </div>
              </div>
              <Show when={!n.readAt}>
                <button
                  type="button"
                  class="link"
                  // Its button goes: focus stays with the notice, on its link if it has one.
                  onClick={() =>
                    markRead.mutate(n.id, {
                      onSuccess: () =>
                        focusWhenShown(
                          () => document.querySelector<HTMLElement>(`[data-notice="${n.id}"] a`) ?? heading,
                        ),
                    })
                  }
                >
                  Mark as read
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={list.hasNextPage}>
        <button type="button" class="secondary" onClick={() => list.fetchNextPage()}>
          Older
        </button>
      </Show>
    </section>
  );
}
