// @-mentions in comments: "@Ada Lovelace" (a member's name) or "@ada" (the part of a member's
// email before the @), case-insensitive, not followed by a letter or digit. Only members of the
// comment's team can be mentioned; the web app's autocomplete inserts "@Name ".

export interface Mentionable {
  userId: string;
  name: string;
  email: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Ids of the members mentioned in `body` (in member order, each once). */
export function findMentions(body: string, members: readonly Mentionable[]): string[] {
  if (!body.includes("@")) return [];
  const found: string[] = [];
  for (const m of members) {
    const handles = [m.name.trim(), m.email.split("@")[0] ?? ""].filter((h) => h.length > 0);
    const hit = handles.some((h) => new RegExp(`(^|[^\\p{L}\\p{N}_.@-])@${escape(h)}(?![\\p{L}\\p{N}_])`, "iu").test(body));
    if (hit && !found.includes(m.userId)) found.push(m.userId);
  }
  return found;
}
