// Words shown in a short space: a resident's words on one line, cut at a word.

/** The words cut to `max` characters, at a word where one is near, with an ellipsis. */
export function summarise(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
