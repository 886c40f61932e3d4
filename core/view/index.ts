export { deriveView, type ViewInput } from './derive-view.ts'
export { toViewResponse } from './view-response.ts'
export { toViewTicket } from './view-ticket.ts'
export { capView, VIEW_CAPS } from './cap.ts'
