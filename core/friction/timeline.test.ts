import { describe, expect, it } from 'vitest'
import { buildCustomer } from '../identity/index.ts'
import { zdUser } from '../identity/person.fixtures.ts'
import { refKey } from '../model/index.ts'
import { requester, response, ticket } from './records.fixtures.ts'
import { customerTimeline } from './timeline.ts'

const jane = zdUser(requester.id, { name: 'Jane' })
const customer = buildCustomer([jane], [])
const formerUser = { ...requester, id: '2' }

describe('customerTimeline', () => {
  it("keeps an answer about the customer's ticket given by an identity merged away", () => {
    // A Zendesk user merge re-points the loser's tickets to the winner; the loser's old CSAT
    // answers still name the loser, who is deactivated and belongs to no customer any more.
    const mine = ticket('moved')
    const answer = response('csat', 'csat', 4, {
      respondent: formerUser,
      ticket: mine.ref,
    })
    const timeline = customerTimeline({
      customer,
      people: [jane],
      tickets: [mine],
      responses: [answer],
    })
    expect(timeline.responses.map((r) => refKey(r.ref))).toEqual([refKey(answer.ref)])
  })

  it("leaves out someone else's answer about someone else's ticket", () => {
    const theirs = ticket('theirs', { requester: formerUser })
    const answer = response('csat', 'csat', 4, { respondent: formerUser, ticket: theirs.ref })
    const timeline = customerTimeline({
      customer,
      people: [jane],
      tickets: [theirs],
      responses: [answer],
    })
    expect(timeline).toEqual({ tickets: [], responses: [] })
  })
})
