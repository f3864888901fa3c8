// Live data in components: a tRPC subscription that lives as long as the component.
import { onCleanup } from "solid-js";

type Unsubscribable = { unsubscribe: () => void };

/** Starts `subscribe` now and stops it when the owning component goes away. */
export function useSubscription(subscribe: () => Unsubscribable): void {
  const subscription = subscribe();
  onCleanup(() => subscription.unsubscribe());
}
