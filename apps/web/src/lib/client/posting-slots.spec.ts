import { describe, expect, it } from 'vitest';
import { addTime, removeTime, slotTimes, toggleSlot } from './posting-slots';

describe('weekly posting slots', () => {
  it('lists each time once, earliest first', () => {
    expect(slotTimes([{ weekday: 2, localTime: '17:00' }, { weekday: 1, localTime: '09:00' }, { weekday: 3, localTime: '09:00' }], ['12:30'])).toEqual([
      '09:00',
      '12:30',
      '17:00',
    ]);
  });

  it('toggles one cell on and off', () => {
    const on = toggleSlot([], 3, '09:00');
    expect(on).toEqual([{ weekday: 3, localTime: '09:00' }]);
    expect(toggleSlot(on, 3, '09:00')).toEqual([]);
  });

  it('adds a time on weekdays without duplicating existing slots, and removes a whole row', () => {
    const slots = addTime([{ weekday: 1, localTime: '09:00' }], '09:00', [1, 2, 3, 4, 5]);
    expect(slots).toHaveLength(5);
    expect(slots[0]).toEqual({ weekday: 1, localTime: '09:00' });
    expect(removeTime([...slots, { weekday: 6, localTime: '11:00' }], '09:00')).toEqual([{ weekday: 6, localTime: '11:00' }]);
  });
});
