export { CATEGORIES, type Category, type FormatIssue } from './categories.js';
export { checkExample, exampleFormat, type ExampleFormat } from './check-example.js';
export { validateTrainingFile, OPENAI_MIN_EXAMPLES, type FileError, type FileValidation, type ValidateFileOptions } from './validate-file.js';
export { validateSplitFiles } from './split-report.js';
export { validateChat, ValidateChatOptions } from './validate-chat.js';
