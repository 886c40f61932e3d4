export { npsCategory, npsPoints, npsScore } from './nps.ts'
export {
  averageNormalised,
  cesAverage,
  satisfactionCategory,
  satisfiedPercent,
  type SatisfactionCategory,
} from './satisfaction.ts'
export {
  firstContactResolutionPercent,
  medianFirstReplyMinutes,
  medianMinutes,
  medianResolutionMinutes,
} from './tickets.ts'
