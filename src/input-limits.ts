// How long or how large each input may be: the schemas refuse past these, and the web
// client's fields carry them (maxlength, min, max), so a person meets the limit while
// typing rather than after sending. No dependencies: the client bundles this file.
export const LIMITS = {
  sessionTitle: 120,
  sessionDescription: 5_000,
  gameSystem: 80,
  tag: 30,
  tags: 8,
  contentNotes: 2_000,
  players: { min: 1, max: 100 },
  cancelReason: 500,
  venueName: 120,
  venueAddress: 300,
  venueNotes: 2_000,
  onlineUrl: 500,
  campaignTitle: 120,
  campaignDescription: 10_000,
  characterName: 80,
  characterDescription: 2_000,
  keyEventText: 1_000,
  summary: 50_000,
  gmNotes: 50_000,
  developmentText: 5_000,
  displayName: 60,
  password: { min: 10, max: 256 },
  tokenName: 60,
} as const;
