import { describe, expect, it } from 'vitest';
import { moveOffHoliday, moveTasksOffHolidays } from '../../../src/domain/holiday-move.js';
import { seed004Calendar } from './seed-004.js';

describe('moving tasks off holidays', () => {
  const calendar = seed004Calendar(['2026-12-25', '2026-12-08']);

  it('moves a task due on a holiday to the next working day and reports the move', () => {
    const tasks = [
      { key: 'd2', dueDate: '2026-12-08' },
      { key: 'd3', dueDate: '2026-12-09' },
      { key: 'launch', dueDate: '2026-12-25' },
    ];
    const result = moveTasksOffHolidays(tasks, calendar);
    expect(result.tasks.map((task) => task.dueDate)).toEqual(['2026-12-09', '2026-12-09', '2026-12-28']);
    expect(result.moves).toEqual([
      { taskKey: 'd2', from: '2026-12-08', to: '2026-12-09', reason: 'holiday' },
      { taskKey: 'launch', from: '2026-12-25', to: '2026-12-28', reason: 'holiday' },
    ]);
    expect(tasks[0]?.dueDate).toBe('2026-12-08');
  });

  it('leaves tasks the plan put on a Sunday or a buffer day where they are', () => {
    expect(moveOffHoliday('2026-12-13', calendar)).toBe('2026-12-13');
    expect(moveOffHoliday('2026-12-12', calendar)).toBe('2026-12-12');
    expect(moveTasksOffHolidays([{ key: 'd7', dueDate: '2026-12-13' }], calendar).moves).toEqual([]);
  });
});
