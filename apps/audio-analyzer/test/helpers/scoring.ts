/** Detection counts at a time tolerance: each true moment matches at most one detection and vice versa. */
export interface Score {
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

export function scoreDetections(
  truth: readonly number[],
  found: readonly number[],
  toleranceSec: number,
): Score {
  const unmatched = [...found]
  let truePositives = 0
  for (const t of [...truth].sort((a, b) => a - b)) {
    let best = -1
    for (const [i, f] of unmatched.entries()) {
      if (
        Math.abs(f - t) <= toleranceSec &&
        (best < 0 || Math.abs(f - t) < Math.abs((unmatched[best] as number) - t))
      )
        best = i
    }
    if (best >= 0) {
      truePositives++
      unmatched.splice(best, 1)
    }
  }
  return { truePositives, falsePositives: unmatched.length, falseNegatives: truth.length - truePositives }
}

export function precisionRecall(score: Score): { precision: number; recall: number; f1: number } {
  const precision = score.truePositives / Math.max(1, score.truePositives + score.falsePositives)
  const recall = score.truePositives / Math.max(1, score.truePositives + score.falseNegatives)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1 }
}
