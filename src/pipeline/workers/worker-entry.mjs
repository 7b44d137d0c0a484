// A pool thread starts here. Plain JavaScript, because a new thread does not inherit the main
// thread's TypeScript loader: it registers tsx itself, then serves tasks, importing each task's
// module on its first request (task.ts).
import { register } from 'tsx/esm/api';

register();
const { serveTasks } = await import('./serve-tasks.ts');
serveTasks();
