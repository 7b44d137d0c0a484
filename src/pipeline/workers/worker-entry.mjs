// A pool thread starts here. Plain JavaScript, because a new thread does not inherit the main
// thread's TypeScript loader: it registers tsx itself, then loads the task table.
import { register } from 'tsx/esm/api';

register();
const { serveTasks } = await import('./serve-tasks.ts');
const { runTask } = await import('./worker-tasks.ts');
serveTasks(runTask);
