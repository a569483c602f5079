// Boards the trivia tests share. `clueBoard`: one category of 200 / 400 (the Daily Double) / 600 and a
// Final, the smallest board with every kind of clue the lifecycle and wager rules treat differently.
export const clueBoard = {
  categories: [
    {
      name: 'One',
      questions: [
        { value: 200, prompt: 'p1', answer: 'a1' },
        { value: 400, prompt: 'p2', answer: 'a2', dailyDouble: true },
        { value: 600, prompt: 'p3', answer: 'a3' },
      ],
    },
  ],
  final: { category: 'Rivers', prompt: 'The longest river in Africa', answer: 'The Nile' },
}
