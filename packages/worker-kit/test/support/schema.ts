import Type, { type Static } from 'typebox'

/** A small versioned payload for runtime tests; the runtime takes any contracts-style schema. */
export const TestMessage = Type.Object({
  version: Type.Literal(1),
  id: Type.String({ minLength: 1 }),
  key: Type.String({ minLength: 1 }),
  seq: Type.Integer({ minimum: 0 }),
})
export type TestMessage = Static<typeof TestMessage>

export function testMessage(key: string, seq: number, id = `${key}#${seq}`) {
  const value: TestMessage = { version: 1, id, key, seq }
  return { key, value: JSON.stringify(value) }
}
