// A pool thread whose task table fails to load, as a syntax error or a missing package would.
throw new Error('cannot load the task table');
