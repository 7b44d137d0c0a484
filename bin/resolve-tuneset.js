// Module hook (node:module register): resolves the bare specifier 'tuneset' to the running CLI's
// own entry point, and leaves everything else to the next resolver (tsx's, then Node's).
let entry;

export const initialize = (data) => {
  entry = data.url;
};

export const resolve = (specifier, context, next) => next(specifier === 'tuneset' ? entry : specifier, context);
