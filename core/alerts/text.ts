import type { AlertCandidate } from './evaluate.ts'

type TextInput = Pick<
  AlertCandidate,
  'rule' | 'customer' | 'score' | 'scale' | 'previousScore' | 'comment'
>

/** Slack's mrkdwn needs `&`, `<` and `>` escaped (Slack docs: "Formatting text for app surfaces"). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The alert as one line a person reads in Slack, a ticket note or a task. */
export function alertText(alert: TextInput): string {
  const who = slackEscape(alert.customer.name)
  const scale = alert.scale ? ` (${alert.scale.min}–${alert.scale.max})` : ''
  const said = alert.comment ? `: “${slackEscape(alert.comment.slice(0, 200))}”` : ''
  switch (alert.rule) {
    case 'nps_detractor':
      return alert.previousScore === null
        ? `:rotating_light: ${who} answered NPS ${alert.score}${scale}${said}`
        : `:rotating_light: ${who} answered NPS ${alert.score}${scale}, down from ${alert.previousScore}${said}`
    case 'csat_lowest':
      return `:rotating_light: ${who} gave the lowest CSAT, ${alert.score}${scale}${said}`
    case 'nps_drop':
      return `:chart_with_downwards_trend: ${who}'s NPS fell from ${alert.previousScore} to ${alert.score}${said}`
    case 'critical_friction':
      return `:fire: Critical friction for ${who}${said}`
  }
}
