/** A variant of an HLS master playlist: its attributes and its URL, resolved against the playlist. */
export interface HlsVariant {
  attributes: Record<string, string>
  url: string
}

/** The `#EXT-X-STREAM-INF` entries of a master playlist, in order. */
export function parseMasterPlaylist(text: string, playlistUrl: string): HlsVariant[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  const variants: HlsVariant[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue
    const uri = lines.slice(i + 1).find((l) => l !== '' && !l.startsWith('#'))
    if (uri === undefined) continue
    variants.push({
      attributes: parseAttributes(line.slice('#EXT-X-STREAM-INF:'.length)),
      url: new URL(uri, playlistUrl).href,
    })
  }
  return variants
}

/** `KEY=value,KEY="quoted, value"` → record. */
export function parseAttributes(list: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
    const [, key = '', value = ''] = match
    out[key] = value.startsWith('"') ? value.slice(1, -1) : value
  }
  return out
}
