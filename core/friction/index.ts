export { channelHopping } from './channel-hopping.ts'
export { contactChains, type ContactChain } from './contact-chains.ts'
export {
  byPriority,
  deriveFrictionPoints,
  frictionPointsOf,
  FRICTION_RULES,
} from './derive-friction-points.ts'
export { escalation } from './escalation.ts'
export { lowCsat } from './low-csat.ts'
export { negativeSentiment } from './negative-sentiment.ts'
export { npsDetractor } from './nps-detractor.ts'
export { npsDrop } from './nps-drop.ts'
export { reopenedTicket } from './reopened-ticket.ts'
export { repeatContact } from './repeat-contact.ts'
export type { FrictionRule } from './rule.ts'
export { slowFirstReply } from './slow-first-reply.ts'
export { byTime, customerTimeline, type CustomerRecords, type Timeline } from './timeline.ts'
export { followUps, isFollowUp } from './follow-ups.ts'
export { sameTopic, topicMatcher, topicTokens } from './topic.ts'
export { waitingTooLong } from './waiting-too-long.ts'
export { activityIndex, type PointActivity } from './activity.ts'
export { groupPoints, type PointGroup } from './group.ts'
export { nextStepOf } from './next-step.ts'
export {
  npsSignal,
  prioritiseFriction,
  priorityScore,
  rank,
  RECENCY_HALF_LIFE_DAYS,
  SEVERITY_WEIGHT,
  type NpsSignal,
  type Prioritised,
} from './prioritise.ts'
