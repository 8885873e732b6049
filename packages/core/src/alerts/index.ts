export { ALERT_KINDS, effectiveThreshold, type AlertKind } from './alert-kinds';
export type { AlertDeps } from './alert-deps';
export {
  alertRuleInputSchema,
  createAlertRule,
  deleteAlertRule,
  listAlertIncidents,
  listAlertRules,
  snoozeAlertRule,
  updateAlertRule,
  type AlertRuleInput,
  type AlertRuleView,
} from './alert-rules';
export { evaluateAlerts, type AlertEvaluation } from './evaluate-alerts';
export { deliverAlert, escapeHtml, type AlertWebhookJobData } from './deliver-alert';
export { postAlertWebhook } from './post-alert-webhook';
