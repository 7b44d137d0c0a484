// Hand-written fixtures: an ordinary English paragraph and an AR-LSAT-style logic game, both of
// which the default filters must keep.

export const ENGLISH_PARAGRAPH =
  'The village library opened a small reading room last spring, and it has become the busiest place in town. ' +
  'Children come after school to do their homework, while older readers settle into the armchairs by the window with a newspaper. ' +
  'The librarian, who has worked there for almost twenty years, says that the new room changed how people use the building. ' +
  'Instead of borrowing a book and leaving, they now stay for an hour or two, talk to their neighbours, and sometimes join the weekly discussion group.';

export const LOGIC_GAME = {
  passage: [
    'A university library is scheduling exactly seven lectures—on film, geology, history, jazz, linguistics, medicine, and poetry—over seven consecutive days, Monday through Sunday.',
    'Exactly one lecture is given each day. The schedule must conform to the following conditions:',
    'The geology lecture is given on an earlier day than the history lecture.',
    'The jazz lecture is given on the day immediately before or immediately after the film lecture.',
    'Neither the linguistics lecture nor the medicine lecture is given on Monday.',
    'If the poetry lecture is given on Thursday, then the history lecture is given on Friday.',
    'The medicine lecture is given on a later day than the jazz lecture.',
  ].join('\n'),
  question: 'If the film lecture is given on Tuesday, which one of the following could be true?',
  options: [
    '(A) The jazz lecture is given on Sunday.',
    '(B) The geology lecture is given on Saturday.',
    '(C) The medicine lecture is given on Monday.',
    '(D) The poetry lecture is given on Thursday and the history lecture on Wednesday.',
    '(E) The linguistics lecture is given on Wednesday.',
  ],
  answer: 'E',
};
