/**
 * Every Kafka topic and consumer group of the pipeline. Topic names carry their major version;
 * a breaking change to a message adds a new topic instead of changing the old one.
 */
export const TOPICS = {
  links: 'vod.links.v1',
  videos: 'vod.videos.v1',
  chatChunks: 'vod.chat-chunks.v1',
  audioSegments: 'vod.audio-segments.v1',
  jobEvents: 'vod.job-events.v1',
} as const

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS]

/** Consumer groups of the worker apps. Each one owns a `<group>.retry` and a `<group>.dlq` topic. */
export const GROUPS = {
  extractor: 'vodscope.extractor',
  chatPlanner: 'vodscope.chat-planner',
  chatChunks: 'vodscope.chat-chunks',
  audioPlanner: 'vodscope.audio-planner',
  audioSegments: 'vodscope.audio-segments',
} as const

export type GroupName = (typeof GROUPS)[keyof typeof GROUPS]

export const retryTopic = (group: string): string => `${group}.retry`
export const dlqTopic = (group: string): string => `${group}.dlq`

/** Every topic the pipeline needs, main topics first, then each group's retry and dead-letter topic. */
export function allTopics(): string[] {
  const groups = Object.values(GROUPS)
  return [...Object.values(TOPICS), ...groups.map(retryTopic), ...groups.map(dlqTopic)]
}
