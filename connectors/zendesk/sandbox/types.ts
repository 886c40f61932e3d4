/** Raw Zendesk objects as the sandbox stores and serves them (field names are Zendesk's). */

export interface MinutesPair {
  calendar: number | null
  business: number | null
}

export interface ZOrganization {
  id: number
  url: string
  name: string
  shared_tickets: boolean
  shared_comments: boolean
  external_id: string | null
  created_at: string
  updated_at: string
  domain_names: string[]
  details: string | null
  notes: string | null
  group_id: number | null
  tags: string[]
  organization_fields: Record<string, string | number | null>
  /** Only on deleted organizations, in the incremental export. */
  deleted_at?: string
}

export interface ZUser {
  id: number
  url: string
  name: string
  email: string | null
  created_at: string
  updated_at: string
  time_zone: string
  iana_time_zone: string
  phone: string | null
  shared_phone_number: boolean | null
  photo: null
  locale_id: number
  locale: string
  organization_id: number | null
  role: 'end-user' | 'agent' | 'admin'
  verified: boolean
  external_id: string | null
  tags: string[]
  alias: string
  active: boolean
  shared: boolean
  shared_agent: boolean
  last_login_at: string | null
  two_factor_auth_enabled: boolean | null
  signature: string
  details: string
  notes: string
  role_type: number | null
  custom_role_id: number | null
  moderator: boolean
  ticket_restriction: string | null
  only_private_comments: boolean
  restricted_agent: boolean
  suspended: boolean
  default_group_id: number | null
  report_csv: boolean
  user_fields: Record<string, string | number | null>
}

export interface ZTicket {
  url: string
  id: number
  external_id: string | null
  via: {
    channel: string
    source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null }
  }
  created_at: string
  updated_at: string
  generated_timestamp: number
  type: 'problem' | 'incident' | 'question' | 'task' | null
  subject: string
  raw_subject: string
  description: string
  priority: 'urgent' | 'high' | 'normal' | 'low' | null
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted'
  recipient: string | null
  requester_id: number
  submitter_id: number
  assignee_id: number | null
  organization_id: number | null
  group_id: number | null
  collaborator_ids: number[]
  follower_ids: number[]
  email_cc_ids: number[]
  forum_topic_id: number | null
  problem_id: number | null
  has_incidents: boolean
  is_public: boolean
  due_at: string | null
  tags: string[]
  custom_fields: { id: number; value: string | number | boolean | null }[]
  satisfaction_rating: {
    score: string
    id?: number
    comment?: string | null
    reason?: string | null
    reason_id?: number | null
  } | null
  sharing_agreement_ids: number[]
  custom_status_id: number
  fields: { id: number; value: string | number | boolean | null }[]
  followup_ids: number[]
  ticket_form_id: number
  brand_id: number
  allow_channelback: boolean
  allow_attachments: boolean
  from_messaging_channel: boolean
}

export interface ZMetricSet {
  url: string
  id: number
  ticket_id: number
  created_at: string
  updated_at: string
  group_stations: number
  assignee_stations: number
  reopens: number
  replies: number
  assignee_updated_at: string | null
  requester_updated_at: string
  status_updated_at: string
  initially_assigned_at: string | null
  assigned_at: string | null
  solved_at: string | null
  latest_comment_added_at: string
  custom_status_updated_at: string
  reply_time_in_minutes: MinutesPair
  reply_time_in_seconds: { calendar: number | null }
  first_resolution_time_in_minutes: MinutesPair
  full_resolution_time_in_minutes: MinutesPair
  agent_wait_time_in_minutes: MinutesPair
  requester_wait_time_in_minutes: MinutesPair
  on_hold_time_in_minutes: MinutesPair
}

export interface ZSatisfactionRating {
  url: string
  id: number
  assignee_id: number
  group_id: number
  requester_id: number
  ticket_id: number
  score: 'offered' | 'unoffered' | 'good' | 'bad'
  comment: string | null
  reason: string | null
  reason_id: number | null
  created_at: string
  updated_at: string
}

export interface TextContent {
  type: 'static' | 'dynamic'
  key?: string
  value: string
}

export interface RatingOption {
  rating: number
  label: TextContent
  emoji?: TextContent
}

export interface SurveyQuestion {
  id: string
  type:
    | 'rating_scale_numeric'
    | 'rating_scale_emoji'
    | 'rating_scale_custom_text'
    | 'closed_ended'
    | 'open_ended'
  alias: string
  sub_type?: 'customer_satisfaction' | 'other'
  headline: TextContent
  options?: (RatingOption | { id: string; label: TextContent })[]
}

/** One version of the CSAT survey (the scale can change between versions). */
export interface ZSurveyVersion {
  id: string
  version: number
  state: 'enabled' | 'disabled'
  created_at: string
  updated_at: string
  /** Sandbox-internal: the rating scale's size; the API renders questions from it. */
  points: 2 | 3 | 5
}

export type ZAnswer =
  | {
      type: 'rating_scale'
      question_id: string
      rating: number
      rating_category: 'bad' | 'neutral' | 'good'
      created_at: string
      updated_at: string
    }
  | {
      type: 'closed_ended'
      question_id: string
      option_ids: string[]
      created_at: string
      updated_at: string
    }
  | {
      type: 'open_ended'
      question_id: string
      value: string
      created_at: string
      updated_at: string
    }
  | { type: 'skipped'; question_id: string; created_at: string; updated_at: string }

/** A stored survey response; the API renders `answers[].question` from the survey version. */
export interface ZSurveyResponse {
  id: string
  responder_id: number
  ticket_id: number
  survey_id: string
  survey_version: number
  expires_at: string
  answers: ZAnswer[]
}

export interface Account {
  subdomain: string
  organizations: Map<number, ZOrganization>
  users: Map<number, ZUser>
  tickets: Map<number, ZTicket>
  metricSets: Map<number, ZMetricSet>
  ratings: Map<number, ZSatisfactionRating>
  surveyVersions: ZSurveyVersion[]
  surveyResponses: Map<string, ZSurveyResponse>
  /** Next free ids, for mutations. */
  nextId: { ticket: number; user: number; organization: number; rating: number; metric: number }
}
