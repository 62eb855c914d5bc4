/** Where a command writes: its result on `out`, progress and complaints on `err`. */
export interface Io {
  out: NodeJS.WritableStream & { isTTY?: boolean }
  err: NodeJS.WritableStream & { isTTY?: boolean }
}
