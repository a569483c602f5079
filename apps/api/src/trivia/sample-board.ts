// The bundled board used when POST /api/games has no `board`: 5 categories × 5 questions.
import type { Board } from '@gamenight/contracts'

const q = (value: number, prompt: string, answer: string, dailyDouble = false) => ({
  value,
  prompt,
  answer,
  dailyDouble,
})

export const SAMPLE_BOARD: Board = {
  categories: [
    {
      name: 'Science',
      questions: [
        q(200, "This gas makes up about 78% of Earth's atmosphere.", 'Nitrogen'),
        q(400, 'The powerhouse of the cell.', 'The mitochondrion'),
        q(600, 'Element with the chemical symbol Fe.', 'Iron'),
        q(800, 'The speed of light in vacuum, to the nearest thousand km per second.', '300,000 km/s'),
        q(1000, 'The physicist who proposed the uncertainty principle in 1927.', 'Werner Heisenberg'),
      ],
    },
    {
      name: 'Geography',
      questions: [
        q(200, 'The longest river in South America.', 'The Amazon'),
        q(400, 'The capital city of Canada.', 'Ottawa'),
        q(600, 'The only country that is also a continent.', 'Australia', true),
        q(800, 'The sea that lies between Italy and the Balkans.', 'The Adriatic Sea'),
        q(1000, 'The landlocked country whose capital is Ulaanbaatar.', 'Mongolia'),
      ],
    },
    {
      name: 'History',
      questions: [
        q(200, 'The year the Berlin Wall fell.', '1989'),
        q(400, 'The ship that carried the Pilgrims to America in 1620.', 'The Mayflower'),
        q(600, 'The ancient wonder that stood in the harbour of Rhodes.', 'The Colossus of Rhodes'),
        q(800, 'The empire ruled by Mansa Musa.', 'The Mali Empire'),
        q(1000, "The 1648 treaties that ended the Thirty Years' War.", 'The Peace of Westphalia'),
      ],
    },
    {
      name: 'Words',
      questions: [
        q(200, 'A word that reads the same backwards, like "level".', 'A palindrome'),
        q(400, 'The plural of "cactus" in its Latin form.', 'Cacti'),
        q(600, 'The language with the most native speakers.', 'Mandarin Chinese'),
        q(800, 'A word formed from the initial letters of other words, like "NATO".', 'An acronym'),
        q(1000, 'The Greek letter that comes after pi.', 'Rho'),
      ],
    },
    {
      name: 'Arts & Music',
      questions: [
        q(200, 'The painter of the Mona Lisa.', 'Leonardo da Vinci'),
        q(400, 'The number of keys on a standard piano.', '88'),
        q(600, 'The composer of "The Four Seasons".', 'Antonio Vivaldi'),
        q(800, 'The art movement of Monet and Renoir.', 'Impressionism'),
        q(1000, 'The opera by Bizet set in Seville around a cigarette factory.', 'Carmen'),
      ],
    },
  ],
}
