// Availability polls from the terminal: open one, see the answers, answer, pick a date, close.
//   npx tsx scripts/poll.ts create --title "Barovia, session zero" --date 2027-01-08T19:00 --date 2027-01-09T19:00 [--campaign <id>]
//   npx tsx scripts/poll.ts list [--json]
//   npx tsx scripts/poll.ts show <code> [--json]
//   npx tsx scripts/poll.ts answer <code> 1=yes 2=maybe 3=no
//   npx tsx scripts/poll.ts pick <code> <date number>
//   npx tsx scripts/poll.ts close <code>
import { CHOICE_LABELS, type PollChoice } from "../src/polls/choices.ts";
import { command, date, EVERY_HELP, int, localTimeZone, repetitionOf, run, table, UsageError, when } from "./cli.ts";
import { createQuorumClient, type QuorumClient, quorumUrl } from "./client.ts";

const program = command("poll", "Find a date together: open a poll, answer it, pick a date or close it.");
let action: (client: QuorumClient) => Promise<void> = async () => {};
const print = (json: boolean, value: unknown, text: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text());
const linkTo = (code: string) => `${quorumUrl(program.opts<{ url?: string }>().url)}/polls/${code}`;

/** What may follow "n=" in an answer; "maybe" is the short way to say "if need be". */
const CHOICE_WORDS: Record<string, PollChoice> = {
  yes: "yes",
  maybe: "if_need_be",
  "if-need-be": "if_need_be",
  no: "no",
};

program
  .command("create")
  .description("propose 2 to 12 dates; a campaign's members are asked at once")
  .requiredOption("--title <title>", "title of the session to be")
  .requiredOption(
    "--date <datetime>",
    "a date to propose, e.g. 2027-01-08T19:00 (your time zone); give --date once per date",
    (value: string, dates: string[]) => [...dates, value],
    [] as string[],
  )
  .option("--length <minutes>", "how long the session lasts, in minutes")
  .option("--min <n>", "minimum players", "2")
  .option("--max <n>", "maximum players", "6")
  .option("--campaign <campaignId>", "ask this campaign's members")
  .option("--venue <venueId>", "venue id")
  .option("--every <period>", `the picked date starts a series: ${EVERY_HELP}`)
  .option("--until <date>", "with --every: the last day, e.g. 2027-06-30")
  .option("--count <n>", "with --every: how many sessions in all")
  .option("--tz <zone>", "the zone a series keeps (default: this machine's)")
  .option("--json", "print JSON")
  .action(
    (opts: {
      title: string;
      date: string[];
      length?: string;
      min: string;
      max: string;
      campaign?: string;
      venue?: string;
      every?: string;
      until?: string;
      count?: string;
      tz?: string;
      json?: boolean;
    }) => {
      action = async (client) => {
        const poll = await client.poll.create.mutate({
          title: opts.title,
          options: opts.date.map((value) => date(value, "--date")),
          durationMinutes: opts.length ? int(opts.length, "--length") : undefined,
          minPlayers: int(opts.min, "--min"),
          maxPlayers: int(opts.max, "--max"),
          campaignId: opts.campaign,
          venueId: opts.venue,
          repeat: repetitionOf(opts),
          timeZone: opts.tz ?? localTimeZone(),
        });
        print(!!opts.json, { ...poll, link: linkTo(poll.code) }, () =>
          [
            `Opened the poll ${poll.code}: ${poll.title}, ${opts.date.length} dates.`,
            `Share this link: ${linkTo(poll.code)}`,
          ].join("\n"),
        );
      };
    },
  );

program
  .command("list")
  .description("your polls: hosted, answered, or asking a campaign of yours")
  .option("--json", "print JSON")
  .action((opts: { json?: boolean }) => {
    action = async (client) => {
      const polls = await client.poll.list.query({});
      print(!!opts.json, polls, () =>
        polls.length === 0
          ? "No polls."
          : table(
              ["code", "title", "GM", "dates", "state"],
              polls.map((p) => [p.code, p.title, p.host.displayName, p.optionCount, p.closedAt ? "closed" : "open"]),
            ),
      );
    };
  });

program
  .command("show <code>")
  .description("each date with everyone's answers (numbered, for answer and pick)")
  .option("--json", "print JSON")
  .action((code: string, opts: { json?: boolean }) => {
    action = async (client) => {
      const poll = await client.poll.byCode.query({ code });
      const names = new Map(poll.voters.map((v) => [v.userId, v.displayName]));
      const whoSaid = (option: (typeof poll.options)[number], choice: PollChoice) =>
        option.answers
          .filter((a) => a.choice === choice)
          .map((a) => names.get(a.userId))
          .join(", ");
      const state = poll.gameSessionId
        ? `Closed: the session ${poll.gameSessionId} was created on the date picked.`
        : poll.pickedOptionId
          ? "Closed: a date was chosen, but its session has since been deleted."
          : poll.closedAt
            ? "Closed without a date."
            : `Open. Link: ${linkTo(poll.code)}`;
      print(!!opts.json, poll, () =>
        [
          `${poll.title} (GM ${poll.host.displayName}${poll.campaign ? `, ${poll.campaign.title}` : ""})`,
          poll.repeatText ? `The picked date starts a series: ${poll.repeatText}.` : "",
          state,
          table(
            ["#", "date", "yes", CHOICE_LABELS.if_need_be.toLowerCase(), "no"],
            poll.options.map((option, i) => [
              i + 1,
              `${when(option.startsAt)}${option.id === poll.pickedOptionId ? " (picked)" : ""}`,
              whoSaid(option, "yes"),
              whoSaid(option, "if_need_be"),
              whoSaid(option, "no"),
            ]),
          ),
        ]
          .filter(Boolean)
          .join("\n"),
      );
    };
  });

program
  .command("answer <code> <answers...>")
  .description("your answers as <date number>=yes|maybe|no, e.g. 1=yes 2=maybe 3=no")
  .action((code: string, pairs: string[]) => {
    action = async (client) => {
      const poll = await client.poll.byCode.query({ code });
      const answers = pairs.map((pair) => {
        const [, number, word] = /^(\d+)=([a-z-]+)$/i.exec(pair) ?? [];
        const choice = word ? CHOICE_WORDS[word.toLowerCase()] : undefined;
        if (!number || !choice) throw new UsageError(`"${pair}": answer as <date number>=yes, maybe or no`);
        return { optionId: optionAt(poll, number).id, choice };
      });
      await client.poll.answer.mutate({ code, answers });
      console.log(`Saved ${answers.length === 1 ? "your answer" : `your ${answers.length} answers`} to ${poll.title}.`);
    };
  });

program
  .command("pick <code> <dateNumber>")
  .description("create the session on that date with its voters seated, and close the poll")
  .action((code: string, number: string) => {
    action = async (client) => {
      const poll = await client.poll.byCode.query({ code });
      const option = optionAt(poll, number);
      const { gameSessionId } = await client.poll.pick.mutate({ pollId: poll.id, optionId: option.id });
      console.log(`Picked ${when(option.startsAt)}: created the session ${gameSessionId}; everyone asked is told.`);
    };
  });

program
  .command("close <code>")
  .description("close the poll without a date")
  .action((code: string) => {
    action = async (client) => {
      const poll = await client.poll.byCode.query({ code });
      await client.poll.close.mutate({ pollId: poll.id });
      console.log(`Closed ${poll.title} without a date.`);
    };
  });

function optionAt<Option>(poll: { options: Option[] }, number: string): Option {
  const option = poll.options[int(number, "the date number") - 1];
  if (!option) throw new UsageError(`There is no date ${number}: the poll has ${poll.options.length}.`);
  return option;
}

await run(program, async () => {
  const { url, token } = program.opts<{ url?: string; token?: string }>();
  await action(createQuorumClient({ url, token }));
});
