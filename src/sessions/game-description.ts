// How a game is described to people looking for one (system, tags, language, level,
// content, online) and who sees it: the defaults a new session or series takes, and
// the stored form of its tags.
import type { Tx } from "../db/client.ts";
import type { SessionVisibility } from "../generated/prisma/enums.ts";
import { refuseField } from "../validation.ts";

/** Tags are stored as one column, "horror,one-shot": the tag filter and search read it without a join. */
export const tagsColumn = (tags: string[]) => tags.join(",");
export const tagList = (column: string): string[] => (column ? column.split(",") : []);

type DescribedInput = {
  campaignId?: string | null;
  venueId?: string | null;
  visibility?: SessionVisibility;
  gameSystem?: string | null;
  tags: string[];
  online?: boolean;
};

/**
 * What a new session (or series) stores for its description: the fields as given,
 * and where left out, the campaign's default visibility (else public), the campaign
 * scenario's game system, and online when the venue has a link but no address.
 */
export async function describedFields<T extends DescribedInput>(tx: Tx, input: T) {
  const campaign = input.campaignId
    ? await tx.campaign.findUnique({
        where: { id: input.campaignId },
        select: { defaultVisibility: true, scenario: { select: { gameSystem: true } } },
      })
    : null;
  const visibility = input.visibility ?? campaign?.defaultVisibility ?? "public";
  assertVisibilityFits(visibility, input.campaignId ?? null);
  const venue =
    input.online === undefined && input.venueId
      ? await tx.venue.findUnique({ where: { id: input.venueId }, select: { address: true, onlineUrl: true } })
      : null;
  return {
    ...input,
    visibility,
    gameSystem: input.gameSystem || campaign?.scenario?.gameSystem || null,
    tags: tagsColumn(input.tags),
    online: input.online ?? Boolean(venue?.onlineUrl && !venue.address),
  };
}

/** Only a campaign's session can be kept to its members. */
export function assertVisibilityFits(visibility: SessionVisibility | undefined, campaignId: string | null): void {
  if (visibility === "campaign" && !campaignId) {
    throw refuseField(
      "visibility",
      "Only a campaign's session can be kept to its members: choose the campaign, or make it public or unlisted.",
    );
  }
}
