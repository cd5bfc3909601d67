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

/**
 * Long descriptions, 2,000 characters and more, as some residents write (a web form allows 5,000;
 * a forwarded email more): so that routing's p99 covers them, not only the short texts above.
 * Written for the bench; none is a row of data/.
 */
const story = (...paragraphs: string[]) => paragraphs.join('\n\n');
const NEIGHBOURHOOD =
  'We have lived on this road for nearly twenty years and I have never had to write to the council like this before. ' +
  'Most of the people on the street are elderly or have young children, and we all rely on the services being done properly. ' +
  'I have spoken to my neighbours at numbers 12, 14 and 21 and they have all had the same experience over the last few months, ' +
  'so this is not just me complaining for the sake of it. I would be grateful if someone could look into it and let me know what is going to happen.';

const CLOSING =
  'I have tried to use the website to report this but the form would not let me add everything I wanted to say, so I am putting it all here instead. ' +
  'I am at home most days and you can ring me in the morning if you need to ask anything or arrange a visit; the afternoons are harder because I collect my grandson from school. ' +
  'If this is not the right department, please pass it on to whoever deals with it rather than asking me to start again, as I have already explained it twice on the phone. ' +
  'Thank you for taking the time to read this, and I look forward to hearing from you.';

export const LONG_TEXTS = [
  story(
    'Our household bin has not been collected for the third week running and I am at the end of my tether.',
    'The lorry came down the road on Tuesday morning as usual and emptied the bins on the other side, but ours and the two next to it were left full at the kerb. ' +
      'I had put it out the night before with the handle facing the road as the leaflet says, and the lid was shut. ' +
      'When I rang last time I was told the crew would come back within two working days but nobody came, and now the bags are piling up beside it and the foxes have been at them.',
    NEIGHBOURHOOD,
    'The smell in the warm weather is awful and there are flies everywhere. My daughter has asthma and we cannot open the back windows. ' +
      'I pay my council tax every month on time and I expect the bins to be emptied in return. Please can you send someone to collect it this week and tell me why it keeps being missed, ' +
      'whether the round has changed, and if there is anything I am doing wrong with where I leave it.',
    'I have also noticed that the recycling box was thrown back onto the drive with the lid off and some of the glass was smashed, which I then had to sweep up myself. ' +
      'If the collection day has moved I have not had any letter about it.',
    CLOSING,
  ),
  story(
    'I am writing about the noise from the flat above mine, which has been going on every night for about two months now.',
    'It starts at around eleven at night with very loud music, mainly bass that comes through the ceiling, and there are people shouting and stamping until three or four in the morning. ' +
      'At weekends it carries on into the afternoon. I have knocked on their door twice politely and asked them to turn it down, and the second time I was sworn at, so I do not feel I can go up there again.',
    NEIGHBOURHOOD,
    'I work early shifts at the hospital and I am getting two or three hours of sleep a night. I have kept a diary of the dates and times since the start of last month and I can send it to you. ' +
      'I have also recorded some of it on my phone. I understand you may need to install equipment to record the noise yourselves and I am happy for you to do that.',
    'Please tell me what the next step is and how long it usually takes, as I cannot carry on like this for much longer.',
    CLOSING,
  ),
  story(
    'Someone has dumped a large amount of rubbish in the lane that runs behind the houses on our side of the road, and it is getting worse every day.',
    'It started with a mattress and an old sofa about ten days ago. Since then there have been black bags, a broken fridge with the door still on it, pieces of carpet, some paint tins and what looks like building rubble in sacks. ' +
      'Children use the lane as a short cut to the school and they have been climbing on the fridge, which worries me a great deal.',
    NEIGHBOURHOOD,
    'I saw a white van parked at the end of the lane late one evening last week and two men unloading bags from the back, but I could not see the registration in the dark. ' +
      'There is no lighting in the lane, which is probably why they use it. The rats have already started to appear around the bags.',
    'Could you arrange for it all to be cleared as soon as possible, and is there anything that can be done to stop it happening again, such as a camera or a gate at the end?',
    CLOSING,
  ),
  story(
    'I would like to report a large pothole in the road at the junction outside the primary school, and the state of the pavement next to it.',
    'The hole is about the size of a dustbin lid and deep enough that water sits in it for days after it rains. Cars swerve around it into the path of oncoming traffic, ' +
      'and last Thursday I watched a cyclist come off his bike when his front wheel went into it. He was shaken but not badly hurt. ' +
      'Beside it, the paving slabs have lifted where the tree roots have pushed them up, and an elderly neighbour tripped there last month. I have taken two photographs this morning with a tape measure for scale.',
    NEIGHBOURHOOD,
    'It was marked with white paint some weeks ago, so I assume someone has seen it, but nothing else has happened and it is getting bigger with every frost. ' +
      'With the winter coming I am worried that someone will be seriously hurt. Please could you tell me when it will be repaired and whether the pavement can be done at the same time.',
    CLOSING,
  ),
];
/** A 20,000-character text: a forwarded email thread with the same complaint several times over. */
export const VERY_LONG_TEXT = (() => {
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `${LONG_TEXTS[i % LONG_TEXTS.length]}\n\n-----Original message-----\n\n`;
  return text;
})();
