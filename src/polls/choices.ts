// A poll's answers, the order its voters are seated in, and the poll a notice names. No
// dependencies: the client bundles it.
export const MIN_POLL_OPTIONS = 2;
export const MAX_POLL_OPTIONS = 12;

export const POLL_CHOICES = ["yes", "if_need_be", "no"] as const;
export type PollChoice = (typeof POLL_CHOICES)[number];

export const CHOICE_LABELS: Record<PollChoice, string> = { yes: "Yes", if_need_be: "If need be", no: "No" };

/**
 * Who is seated when a date is picked, in order: those who said yes, then those who
 * said if need be, each by when they answered (the first to answer first).
 */
export function seatingOrder(answers: { userId: string; choice: PollChoice; answeredAt: Date }[]): string[] {
  const rank = (choice: PollChoice) => (choice === "yes" ? 0 : 1);
  return answers
    .filter((a) => a.choice !== "no")
    .sort((a, b) => rank(a.choice) - rank(b.choice) || a.answeredAt.getTime() - b.answeredAt.getTime())
    .map((a) => a.userId);
}

/** The poll a notice is about, from its data ({ pollCode }), for its link; null for other notices. */
export function pollCodeOf(data: unknown): string | null {
  const pollCode = (data as { pollCode?: unknown } | null)?.pollCode;
  return typeof pollCode === "string" ? pollCode : null;
}
