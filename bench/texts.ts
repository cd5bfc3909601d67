// What residents write, for the benches that route, post or type a description.
export const TEXTS = [
  'my bin was not collected this morning',
  'there is a massive pothole on the high street',
  'street light outside number 4 is flickering',
  'someone has dumped a fridge in the alley',
  'I need to pay my council tax',
  'the drain on our road is blocked and the road is flooding',
  'noisy neighbours playing music at 3am',
  'car parked on double yellow lines blocking my drive',
  'when is my recycling collected',
  'graffiti on the bus shelter',
];
