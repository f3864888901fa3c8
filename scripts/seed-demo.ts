// Fills an empty Quorum with demo data, entirely through the API: GMs and players,
// two venues, a scenario, a campaign with members, and a month of sessions with
// players in them (some full with a waitlist, some still short of players). Each
// account is finished from its sign-up email, read from the development mailbox: run it
// against a server on this machine without SMTP_URL.
//   npx tsx scripts/seed-demo.ts [--url http://localhost:3000] [--password "…"] [--mail-dir data/mail]
import { command, run } from "./cli.ts";
import { type QuorumClient, signUpWithTokens } from "./client.ts";

const GMS = ["Gwen the GM", "Marcus", "Aiko", "Dev"];
const PLAYERS = ["Ana", "Ben", "Chloé", "Dmitri", "Esi", "Farid", "Grace", "Hiro"];
const SESSIONS_PER_GM = 3; // the default host cap

const program = command(
  "seed-demo",
  "Fill an empty instance with demo users, venues, a campaign and a month of sessions.",
)
  .option("--password <password>", "password for every demo account", "demo-password-2026")
  .option("--domain <domain>", "email domain for the demo accounts", "demo.quorum.test")
  .option(
    "--mail-dir <dir>",
    "the server's development mailbox, where its sign-up emails are (default: $MAIL_DIR or data/mail)",
    process.env.MAIL_DIR ?? "data/mail",
  );

await run(program, async () => {
  const opts = program.opts<{ url?: string; password: string; domain: string; mailDir: string }>();
  const total = GMS.length + PLAYERS.length + 3 + GMS.length * SESSIONS_PER_GM + 1;
  let done = 0;
  const step = (what: string) => {
    done += 1;
    console.log(`[${String(done).padStart(2)}/${total}] ${what}`);
  };

  const names = [...GMS, ...PLAYERS];
  const emailOf = (name: string) =>
    `${name
      .split(" ")[0]
      ?.toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z]/g, "")}@${opts.domain}`;
  console.log(`Signing up ${names.length} people; each finishes from the link in its email in ${opts.mailDir}.`);
  const signedUp = await signUpWithTokens(
    { url: opts.url, mailDir: opts.mailDir },
    names.map((name) => ({ email: emailOf(name), password: opts.password, displayName: name })),
  );
  const people = signedUp.map(({ user, client }) => {
    step(`account ${user.email}`);
    return { name: user.displayName, client };
  });
  const gms = people.slice(0, GMS.length);
  const players = people.slice(GMS.length);
  const lead = gms[0]?.client as QuorumClient;

  const shop = await lead.venue.create.mutate({
    name: "The Dice Tower",
    address: "12 Market Street",
    notes: "Back room",
  });
  const online = await lead.venue.create.mutate({ name: "Online table", onlineUrl: "https://meet.example/quorum" });
  step("venues");
  const scenario = await lead.scenario.create.mutate({
    title: "Curse of Strahd",
    gameSystem: "D&D 5e",
    description: "Gothic horror in the land of Barovia.",
  });
  step("scenario");
  // An open campaign: its sessions are listed to everyone, so drop-in players can join.
  const campaign = await lead.campaign.create.mutate({
    title: "Mists of Barovia",
    scenarioId: scenario.id,
    defaultVisibility: "public",
  });
  for (const player of players.slice(0, 4))
    await player.client.campaign.joinByCode.mutate({ code: campaign.inviteCode ?? "" });
  step(`campaign "${campaign.title}" with 4 members`);

  // A month ahead: each GM hosts three evenings, spread over the four weeks.
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(19, 0, 0, 0);
  let n = 0;
  for (const [g, gm] of gms.entries()) {
    for (let i = 0; i < SESSIONS_PER_GM; i++) {
      const startsAt = new Date(tomorrow);
      startsAt.setDate(startsAt.getDate() + g * 2 + i * 9);
      const created = await gm.client.session.create.mutate({
        title:
          g === 0 ? `Barovia, chapter ${i + 1}` : `${["One-shot", "Open table", "Mystery night"][i]} with ${gm.name}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
        minPlayers: 3,
        maxPlayers: 4,
        venueId: (g + i) % 2 === 0 ? shop.id : online.id,
        campaignId: g === 0 ? campaign.id : undefined,
        allowLateJoin: i === 1,
      });
      // Some full with a waitlist, some comfortable, some still short of players.
      const joining = [6, 3, 2][n % 3] ?? 0;
      for (const player of players
        .slice(n % players.length)
        .concat(players)
        .slice(0, joining)) {
        await player.client.participant.join.mutate({ sessionId: created.id });
      }
      n += 1;
      step(`session "${created.title}" with ${joining} players`);
    }
  }
  step("done");
  console.log(
    `\nDemo ready: ${people.length} accounts (password "${opts.password}"), e.g. ${GMS[0]?.split(" ")[0]?.toLowerCase()}@${opts.domain}.`,
  );
});
