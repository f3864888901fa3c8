// Game sessions from the terminal: list, show, create, join, leave.
//   npx tsx scripts/sessions.ts list [--mine] [--json]
//   npx tsx scripts/sessions.ts show <sessionId> [--json]
//   npx tsx scripts/sessions.ts create --title "Night one" --starts 2026-12-01T19:00 [--min 2] [--max 6]
//   npx tsx scripts/sessions.ts create --title "Barovia" --starts 2027-01-08T19:00 --every 2w --until 2027-06-30
//   npx tsx scripts/sessions.ts join <sessionId | joinCode>
//   npx tsx scripts/sessions.ts leave <sessionId>
import { command, date, EVERY_HELP, int, localTimeZone, repetitionOf, run, table, UsageError, when } from "./cli.ts";
import { createQuorumClient, type QuorumClient } from "./client.ts";

const program = command("sessions", "List, show, create, join and leave game sessions.");
let action: (client: QuorumClient) => Promise<void> = async () => {};
const print = (json: boolean, value: unknown, text: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text());

program
  .command("list")
  .description("upcoming sessions (by start time; your campaigns' first)")
  .option("--mine", "only sessions you host or joined")
  .option("--all", "past and cancelled ones too")
  .option("--limit <n>", "how many", "50")
  .option("--json", "print JSON")
  .action((opts: { mine?: boolean; all?: boolean; limit: string; json?: boolean }) => {
    action = async (client) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError("--limit must be 1 to 100");
      const { items } = await client.session.list.query({
        mine: opts.mine,
        limit,
        ...(opts.all ? {} : { from: new Date(), status: ["scheduled", "active", "paused"] }),
      });
      print(!!opts.json, items, () =>
        items.length === 0
          ? "No sessions."
          : table(
              ["id", "starts", "title", "status", "players", "needs", "GM"],
              items.map((s) => [
                s.id,
                when(s.startsAt),
                s.title,
                s.status,
                `${s.playerCount}/${s.maxPlayers}`,
                s.playersNeeded > 0 ? `${s.playersNeeded} by ${when(s.cancelDeadline)}` : "",
                s.host.displayName,
              ]),
            ),
      );
    };
  });

program
  .command("show <sessionId>")
  .description("one session with its participants")
  .option("--json", "print JSON")
  .action((sessionId: string, opts: { json?: boolean }) => {
    action = async (client) => {
      const [session, participants] = await Promise.all([
        client.session.byId.query({ sessionId }),
        client.participant.list.query({ sessionId }),
      ]);
      print(!!opts.json, { ...session, participants }, () =>
        [
          `${session.title} (${session.status})`,
          `Starts ${when(session.startsAt)} · ${session.playerCount}/${session.maxPlayers} players · GM ${session.host.displayName}`,
          session.venue ? `At ${session.venue.name}` : "",
          session.joinCode ? `Join code ${session.joinCode}` : "",
          table(
            ["name", "role", "status", "waitlist"],
            participants
              .filter((p) => p.status !== "left")
              .map((p) => [p.user.displayName, p.role, p.status, p.waitlistPosition]),
          ),
        ]
          .filter(Boolean)
          .join("\n"),
      );
    };
  });

program
  .command("create")
  .description("schedule a session that you host")
  .requiredOption("--title <title>", "title")
  .requiredOption("--starts <datetime>", "start, e.g. 2026-12-01T19:00 (your time zone) or an ISO time")
  .option("--ends <datetime>", "end")
  .option("--min <n>", "minimum players", "2")
  .option("--max <n>", "maximum players", "6")
  .option("--venue <venueId>", "venue id")
  .option("--campaign <campaignId>", "campaign id")
  .option("--late-join", "allow joining after the start")
  .option("--every <period>", EVERY_HELP)
  .option("--until <date>", "with --every: the last day, e.g. 2027-06-30")
  .option("--count <n>", "with --every: how many sessions in all")
  .option("--tz <zone>", "with --every: the zone whose clock the series keeps (default: this machine's)")
  .option("--seat-members", "with --every and --campaign: seat the campaign's members in each session")
  .option("--json", "print JSON")
  .action(
    (opts: {
      every?: string;
      until?: string;
      count?: string;
      tz?: string;
      seatMembers?: boolean;
      title: string;
      starts: string;
      ends?: string;
      min: string;
      max: string;
      venue?: string;
      campaign?: string;
      lateJoin?: boolean;
      json?: boolean;
    }) => {
      action = async (client) => {
        const fields = {
          title: opts.title,
          startsAt: date(opts.starts, "--starts"),
          endsAt: opts.ends ? date(opts.ends, "--ends") : undefined,
          minPlayers: int(opts.min, "--min"),
          maxPlayers: int(opts.max, "--max"),
          venueId: opts.venue,
          campaignId: opts.campaign,
          allowLateJoin: !!opts.lateJoin,
        };
        const repeat = repetitionOf(opts);
        if (repeat) {
          const { seriesId, first } = await client.series.create.mutate({
            ...fields,
            repeat,
            timeZone: opts.tz ?? localTimeZone(),
            seatMembers: !!opts.seatMembers,
          });
          const series = await client.series.ofSession.query({ sessionId: first.id });
          print(
            !!opts.json,
            { seriesId, first, series },
            () =>
              `Created the series ${seriesId}: ${first.title}, ${series?.description}. ` +
              `${series?.upcoming.length} sessions booked so far, the first ${when(first.startsAt)} (join code ${first.joinCode}).`,
          );
          return;
        }
        if (opts.seatMembers) throw new UsageError("--seat-members goes with --every");
        const created = await client.session.create.mutate(fields);
        print(
          !!opts.json,
          created,
          () => `Created ${created.id}: ${created.title}, ${when(created.startsAt)}. Join code ${created.joinCode}.`,
        );
      };
    },
  );

program
  .command("join <sessionIdOrCode>")
  .description("take a seat (or a waitlist place)")
  .option("--observer", "join as an observer")
  .action((target: string, opts: { observer?: boolean }) => {
    action = async (client) => {
      const role = opts.observer ? ("observer" as const) : ("player" as const);
      // Join codes are 10 letters and digits; session ids are longer.
      const joined = /^[2-9A-HJ-NP-Z]{10}$/i.test(target)
        ? await client.participant.joinByCode.mutate({ code: target, role })
        : await client.participant.join.mutate({ sessionId: target, role });
      console.log(
        joined.status === "waitlisted"
          ? `The session is full: you are number ${joined.waitlistPosition} on the waitlist.`
          : `You joined ${joined.gameSessionId} as ${joined.role}.`,
      );
    };
  });

program
  .command("leave <sessionId>")
  .description("give up your seat or waitlist place")
  .action((sessionId: string) => {
    action = async (client) => {
      await client.participant.leave.mutate({ sessionId });
      console.log(`You left ${sessionId}.`);
    };
  });

await run(program, async () => {
  const { url, token } = program.opts<{ url?: string; token?: string }>();
  await action(createQuorumClient({ url, token }));
});
