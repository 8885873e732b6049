export * from './local-time';
export * from './posting-slots';
export { loadQueueAccount, type QueueAccount } from './queue-account';
export { getQueueSchedule, setQueueSchedule, type QueueSchedule } from './queue-settings';
export { findNextQueueSlot, previewQueueSlots, type QueueSlotPreview } from './queue-slots';
