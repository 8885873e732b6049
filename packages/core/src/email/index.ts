export { emailDeps, type EmailDeps } from './email-deps';
export { queueEmail, workspaceRecipients, listOutboundEmails, type NewEmail, type EmailJobData } from './outbox';
export { deliverEmail } from './deliver-email';
