// What the demo residents say and what the teams write back, for the local stack's seeded month
// (infra/local/seed.ts). Written for this file, in the way residents of a UK town write and talk;
// nothing here comes from data/dev-requests.csv, which is kept for measuring routing only. Every
// report below routes to its service by its words alone (test/integration/seed.test.ts checks it),
// so it can arrive on any channel.

/** Residents' names: a town's mix. No one here is a real person. */
export const FIRST_NAMES = [
  'Margaret', 'Olivia', 'Amelia', 'Mohammed', 'Harry', 'George', 'Sophie', 'Daniel', 'Aisha', 'Kwame',
  'Chloe', 'Thomas', 'Fatima', 'Agnieszka', 'Tomasz', 'Niamh', 'Declan', 'Sandra', 'Keith', 'Barbara',
  'Harpreet', 'Imran', 'Yusuf', 'Hannah', 'Ruth', 'Eleanor', 'Abdi', 'Hodan', 'Chidi', 'Ngozi',
  'Marcus', 'Shanice', 'Jack', 'Isla', 'Noah', 'Grace', 'Rhys', 'Megan', 'Stanley', 'Doreen',
  'Andreea', 'Ionut', 'Sunita', 'Arjun', 'Bilal', 'Zainab', 'Callum', 'Siobhan', 'Gary', 'Tracey',
  'Joseph', 'Emily', 'Samuel', 'Jasmine', 'Patrick', 'Maureen', 'Liam', 'Ava', 'Oluwaseun', 'Mei',
] as const;

export const LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Robinson', 'Wright', 'Thompson',
  'Evans', 'Walker', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan',
  'Ahmed', 'Hussain', 'Begum', 'Singh', 'Kaur', 'Nowak', 'Kowalski', 'Popescu', "O'Brien", 'Murphy',
  'Kelly', 'Campbell', 'Stewart', 'Okoye', 'Adeyemi', 'Mensah', 'Osei', 'Abdullahi', 'Cooper', 'Ward',
  'Turner', 'Lewis', 'Baker', 'Morgan', 'Bennett', 'Shaw', 'Fletcher', 'Chapman', 'Marshall', 'Gill',
  'Dhillon', 'Mistry', 'Nguyen', 'Chen', 'Barker', 'Holmes', 'Palmer', 'Dixon', 'Lloyd', 'Hart',
] as const;

/** Where problems in the street are, in the catalogue's area: a place near each bin round's streets. */
export const STREET_SPOTS = [
  'by the bus stop on Station Road',
  'on the corner of Abbey Road and Cedar Close',
  'in the alley behind Church Street',
  'outside the Co-op on Station Road',
  'at the end of Orchard Way',
  'by the brook off Brookfield Avenue',
  'opposite the school on Victoria Terrace',
  'by the garages on Willow Crescent',
  'on the green at Glebe Court',
  'near the post box on Mill Lane',
  'outside the church on Church Street',
  'at the entrance to The Paddocks',
  'outside number 40 Kingfisher Drive',
  'halfway down Linden Walk',
] as const;

/** The Customer Service Centres where residents are seen face to face. */
export const CENTRES = ['Guildhall Customer Service Centre', 'Abington Library help point', 'Weston Favell Customer Service Centre'] as const;

/** Advisers who take contacts (amara.okafor can sign in locally; the others are colleagues in the history). */
export const ADVISERS = ['amara.okafor', 'tom.bradley', 'fatima.begum', 'sean.mcallister'] as const;

/**
 * Reports for a team, by service: each routes to its service by its words alone. `{place}` is
 * where it is (a street spot, or the resident's own address for problems at home).
 */
export const REPORTS: Record<string, string[]> = {
  'missed-bin': [
    "Our bin wasn't emptied today, everyone else's on the street was",
    'The bin men have missed our recycling again',
    'Black bin not collected this morning, still full at the kerb',
    'Hi, the lorry drove straight past our house and didnt empty the bin',
    'Missed collection for the green recycling bin at my address',
    "Food caddy hasn't been emptied for two weeks now",
    "They skipped our street, all the bins are still out",
    'Garden waste bin was not collected yesterday',
  ],
  'assisted-collection': [
    "My mum is 89 and can't get her bin to the kerb any more, can she have an assisted collection",
    "I've just had a hip replacement and can't pull the wheelie bin out, do you do assisted collections",
    'We were on assisted collection but the crew have stopped coming to the back door',
  ],
  'fly-tipping': [
    'Someone has dumped a sofa and a load of black bags {place}',
    'Fly tipping {place}, looks like builders rubble and an old fridge',
    'Somebody tipped a mattress and a carpet overnight {place}',
    'There is a pile of dumped rubbish {place}, it is getting bigger every day',
  ],
  litter: [
    'Loads of litter all along the verge {place}, crisp packets and cans everywhere',
    'The grass {place} is covered in rubbish after the weekend',
  ],
  'litter-bin': [
    'The litter bin {place} is overflowing and rubbish is blowing down the road',
    'The litter bin {place} is overflowing again',
  ],
  graffiti: [
    'Graffiti sprayed all over the bus shelter {place}',
    'Someone has spray painted tags on the wall {place}',
    'Offensive graffiti on the garage doors {place}, kids walk past it every day',
  ],
  'dog-fouling': [
    'Dog poo all over the pavement {place}, the owners never pick it up',
    'Dog mess everywhere on the path {place}, my son stepped in it on the way to school',
  ],
  'dead-animal': [
    'There is a dead fox in the road {place}',
    'Dead badger on the pavement {place}, been there since this morning',
  ],
  'street-cleaning': [
    'The street {place} has not been swept for months, leaves and mud everywhere',
    'Broken glass all over the road {place} after the weekend, needs a sweep',
  ],
  'discarded-needles': [
    'Used needles on the ground {place}, right by where children play',
    'Found a used syringe {place}, there could be more needles',
  ],
  pothole: [
    'Big pothole {place}, nearly came off my bike',
    "There's a huge pothole in the road {place}, it's getting deeper every week",
    'Pothole {place} has damaged my tyre, cars are swerving round it',
    'Deep pot hole in the middle of the road {place}',
  ],
  'pavement-defect': [
    'Broken paving slab sticking up {place}, my neighbour tripped on it',
    'The pavement is cracked and uneven {place}, dangerous for pushchairs',
    'Raised paving stones {place}, someone is going to fall',
  ],
  'road-obstruction': [
    'A skip has been left blocking half the road {place}',
    'Scaffolding poles left lying across the pavement {place}',
  ],
  gritting: [
    'The road {place} is like an ice rink, has it been gritted',
    'Can you grit {place}, the hill is sheet ice and cars are sliding',
  ],
  'street-name-plate': ['The street name sign {place} has been knocked off and is lying in the hedge'],
  'street-furniture': [
    'There is a broken bench {place}, the seat has snapped in half',
    'A bollard {place} has been knocked over and is lying in the road',
  ],
  roadworks: [
    'Roadworks {place} have been left with no one working on them for two weeks',
    'Utility company roadworks {place} are causing huge queues every morning',
  ],
  'street-light-fault': [
    'The street light {place} has been out for a week, it is pitch black at night',
    'Street lamp {place} keeps flickering on and off all night',
    'Streetlight outside my house is not working, the whole stretch is dark',
    'The lamp post {place} stays on all day and night',
  ],
  'lighting-column-damage': [
    'A lamp post {place} has been hit by a car and is leaning over',
  ],
  'traffic-lights': [
    'The traffic lights {place} are stuck on red in all directions',
    'Traffic lights at the junction {place} are not working at all',
  ],
  'pedestrian-crossing': ['The green man at the crossing {place} is not working and the beeping has stopped'],
  'road-signs': [
    'The give way sign {place} has been turned round to face the wrong way',
    'Road sign {place} has fallen down',
  ],
  'road-markings': ['The white lines at the junction {place} have worn away completely'],
  'traffic-calming': [
    'Cars are racing down {place}, we need speed bumps before someone is killed',
    'Can we have traffic calming {place}, drivers use it as a rat run',
  ],
  'blocked-drain': [
    'The drain {place} is blocked and there is a huge puddle every time it rains',
    'Blocked gully {place}, water is sitting across the road',
    'Road drain is blocked with leaves {place}',
  ],
  flooding: [
    'The road {place} is flooded, the water is a foot deep',
    'Flood water across the whole road {place} after the heavy rain',
  ],
  'drain-cover': [
    'Manhole cover {place} is broken and rocking when cars go over it',
  ],
  sewage: ['There is sewage coming up out of the drain {place} and it stinks'],
  'tree-problem': [
    'A big branch has come off the tree {place} and is hanging over the footpath',
    'The council tree {place} is leaning badly towards the houses',
    'Tree {place} looks dead and I am worried it will fall on the houses',
  ],
  'overgrown-vegetation': [
    'The hedge {place} is so overgrown you have to walk in the road',
    'Brambles growing right across the footpath {place}',
    'Overgrown bushes {place} are blocking the view of the road for drivers',
  ],
  'grass-cutting': [
    'The grass verge {place} has not been cut all summer, it is knee high',
    'Grass cutting {place} was missed, the rest of the estate was done',
  ],
  'parks-playgrounds': [
    'The swings in the play area {place} are broken and the chain is snapped',
    'The slide in the playground {place} is damaged and has a sharp edge',
  ],
  allotments: ['I would like to go on the waiting list for an allotment please'],
  'illegal-parking': [
    'A van is parked on the double yellows {place} every day, blocking the view',
    'Cars parked on the pavement {place}, I cannot get my wheelchair past',
    'Someone keeps parking across my dropped kerb so I cannot get my car out',
  ],
  'abandoned-vehicle': [
    'An abandoned car {place}, flat tyres and has not moved in months',
    'There is a burnt out car {place}',
    'Untaxed van dumped {place}, no number plates on it',
  ],
  'car-parks': [
    'The pay machine in the car park {place} is not taking cards',
    'The barrier at the multi storey car park is stuck and nobody can get out',
  ],
  noise: [
    'My neighbours play loud music until 3am every weekend',
    'The dog next door barks all day while they are at work',
    'Constant banging and drilling from the flat upstairs late at night',
    'Noisy parties every night at the house opposite, I cannot sleep',
  ],
  'food-hygiene': [
    'I got food poisoning after eating at the takeaway on Station Road',
    'Saw mice running round the kitchen of the cafe on Church Street',
  ],
  'pollution-nuisance': [
    'My neighbour burns rubbish in his garden every evening and the smoke comes in our windows',
    'There is a terrible smell from the factory on Brookfield Avenue',
  ],
  'nuisance-land': [
    'The empty house next door has a garden full of rubbish and rats',
    'The garden of the derelict house on Mill Lane is piled with junk',
  ],
  'stray-animals': [
    'A stray dog has been wandering round the estate {place} all day',
    'There is a loose dog {place} chasing people, no collar',
  ],
  'housing-repair': [
    'My council flat has damp and black mould in the bedroom',
    'The boiler in my council house has broken and we have no heating or hot water',
    'Leaking roof in my council flat, water coming through the ceiling light in the hall',
    'The front door of my council flat will not lock properly',
    'Our kitchen tap has been leaking for weeks, I rent from the council',
  ],
  homelessness: [
    'My landlord has given me a section 21 and I have nowhere to go next month',
    'I am sofa surfing with my two kids and need somewhere to live',
  ],
  'private-housing-conditions': [
    'My private landlord will not fix the damp and mould in the flat',
  ],
  'council-tax': [
    'I think my council tax bill is wrong, I live on my own',
    'I have been charged council tax twice this month',
    'I am moving house next week, how do I change my council tax',
  ],
  benefits: [
    'My housing benefit has stopped and I do not know why',
    'I need help with my council tax reduction claim, I lost my job',
  ],
  'business-rates': ['Question about the business rates bill for my shop, the rateable value looks wrong'],
  'planning-enforcement': [
    'My neighbour is building a huge extension without planning permission',
    'My neighbour has put up a huge fence and a building in his garden without permission',
  ],
  'family-support': [
    'I am struggling with my teenage son and need some parenting support',
    'Can I get help for my disabled child with special educational needs',
  ],
  'adult-care-assessment': [
    'My dad needs help at home, he cannot wash or dress himself any more',
    'I care for my wife and need a carers assessment',
  ],
  'premises-licence': ['The pub on Church Street is playing music past its licence hours every night'],
  'taxi-licence': ['I want to complain about a taxi driver who was rude and overcharged me'],
  complaint: [
    'I want to make a complaint about how I was spoken to on the phone',
    'This is a formal complaint, I have reported the same problem three times and nobody has done anything',
    'I want to complain that nobody called me back like they promised',
  ],
  compliment: [
    'Just wanted to say thank you to the bin crew, they are always so helpful and cheerful',
    'Please pass on my thanks to the lady at the Guildhall, she was brilliant',
  ],
  'anti-social-behaviour': [
    'Gangs of youths hanging round {place} every night, shouting and throwing things',
    'Teenagers on motorbikes riding on the green {place} and intimidating people',
    'Drug dealing going on openly {place} every evening',
  ],
};

/** Services whose problems are at the resident's home rather than in the street. */
export const AT_HOME = new Set([
  'missed-bin', 'assisted-collection', 'noise', 'housing-repair', 'homelessness', 'private-housing-conditions',
  'council-tax', 'benefits', 'business-rates', 'planning-enforcement', 'family-support', 'adult-care-assessment',
  'food-hygiene', 'pollution-nuisance', 'nuisance-land', 'premises-licence', 'taxi-licence', 'complaint',
  'compliment', 'allotments',
]);

/** Questions answered there and then: by their service (an answer, a look-up, a link to do it online). */
export const QUESTIONS: Record<string, string[]> = {
  'council-opening-hours': [
    'What time does the customer service centre open on Saturday',
    'Are you open on the bank holiday',
    'When are you open today',
  ],
  'recycling-advice': [
    'Can I put pizza boxes in the recycling',
    'Which bin does glass go in',
    'Can I recycle batteries in my green bin',
    'Does plastic film go in the recycling',
  ],
  'bin-day': ['When is my bin day {postcode}', 'What day is my bin collection {postcode}', 'what day are bins collected at {postcode}'],
  'new-bin': ['My wheelie bin has been stolen and I need a new one', 'Our recycling bin is cracked, can I get a replacement bin'],
  'bulky-waste': ['How do I get rid of an old sofa', 'How much is a bulky waste collection for a fridge freezer', 'I need a bulky waste collection for a wardrobe'],
  'garden-waste': ['How do I sign up for the garden waste collection', 'I want to renew my garden waste subscription'],
  'parking-permit': ['How do I get a residents parking permit', 'I need a visitor parking permit for my mum'],
  'parking-fine': ['I want to appeal a parking ticket', 'How do I pay a parking fine'],
  'blue-badge': ['How do I apply for a blue badge for my husband'],
  'pest-control': ['We have rats in the garden, do you do pest control', 'There is a wasps nest by my back door'],
  'pay-council-tax': ['How do I pay my council tax', 'Can I pay my council tax online', 'I want to pay my council tax bill online'],
  'council-tax-discount': ['Can I get a single person discount on my council tax', 'Is there a council tax discount for students'],
  'housing-register': ['How do I get on the housing register'],
  'planning-application': ['How do I apply for planning permission for a conservatory'],
  'electoral-register': ['How do I register to vote', 'I need to add my name to the electoral register'],
  'register-birth': ['How do I register the birth of my baby'],
  'register-death': ['My father has died, how do I register his death'],
  'marriage-ceremonies': ['We want to book a wedding at the register office'],
};

/** Emergencies: said or written as residents do, each a kind the catalogue knows. */
export const EMERGENCIES = [
  'I can smell gas really strongly in the street outside our house',
  'There is gas smell coming from the meter cupboard in the flats',
  'Water is pouring through the ceiling and our living room is flooding',
  'Flood water is coming in under the front door into the house',
  'The garden wall has collapsed onto the pavement and more of it is about to fall',
  'There are electricity cables hanging down in the road after the storm, sparking',
  'My elderly neighbour has not been seen for three days and is not answering the door, I am really worried about her',
] as const;

/** What residents write when they chase a case they reported, quoting its reference. */
export const STATUS_CHASES = [
  'Any update on {reference}?',
  'Hi, what is happening with my report {reference}',
  'Reference {reference}, is anyone coming out?',
  'Still waiting to hear about {reference}',
] as const;

/** What residents say when they chase a report without its reference: it routes to the same service. */
export const CHASES: Record<string, string[]> = {
  'missed-bin': [
    'I reported our missed bin days ago and it still has not been emptied',
    'Bin still not collected, this is the second time I have had to report it',
  ],
  'fly-tipping': ['The fly tipping I reported {place} is still there and now there are more bags dumped'],
  pothole: ['The pothole {place} I reported still has not been filled in'],
  'street-light-fault': ['The street light {place} is still not working, I reported it ages ago'],
  'housing-repair': ['Still no one has come to fix the damp and mould in my council flat, I reported it weeks ago'],
  noise: ['The loud music from next door is still going on every night, I reported it already'],
  'blocked-drain': ['The blocked drain {place} is still flooding the road when it rains'],
};

/** Answers residents give to the SMS questions, by what is asked. */
export const SMS_ANSWERS = {
  vehicle: ['Silver Ford Focus, reg ending 4KD', 'White Transit van, no plates', 'Black Vauxhall Corsa'],
  times: ['Every night from about 11pm till 3am', 'Most weekends, Friday and Saturday nights', 'Every day while they are at work'],
  description: ['It has been like this for about a week and it is getting worse', 'It has been reported before by my neighbour too'],
  day: ['Yesterday', 'This morning', 'Monday', 'Tuesday'],
  column: ['The number on the post is 27', 'Column 14', 'It says 103 on it'],
  account: ['My account number is 40018832', 'Account 40027415'],
  claim: ['My claim reference is HB771204', 'HB 652019'],
} as const;

/** What a team writes when it resolves a case, and the message the resident gets, by team. */
export const RESOLUTIONS: Record<string, Array<{ outcome: string; message: string }>> = {
  'waste-services': [
    { outcome: 'Crew went back and emptied the bin', message: 'Our crew came back and emptied your bin. Sorry it was missed.' },
    { outcome: 'Round crew spoken to; bin emptied on the return visit', message: 'Your bin has now been emptied. We have reminded the crew about your street.' },
    { outcome: 'Assisted collection set up from next week', message: 'We have set up an assisted collection. From next week the crew will collect your bin from your property.' },
  ],
  'street-scene': [
    { outcome: 'Cleared by the street cleansing team', message: 'Our street cleansing team has cleared it. Thank you for letting us know.' },
    { outcome: 'Removed; evidence passed to the enforcement officer', message: 'We have removed it and are looking into who left it there.' },
  ],
  highways: [
    { outcome: 'Inspected and repaired by the highways crew', message: 'Our highways crew has made a repair. Thank you for reporting it.' },
    { outcome: 'Temporary repair made; permanent repair scheduled', message: 'We have made it safe with a temporary repair, and a permanent repair is scheduled.' },
  ],
  'street-lighting': [{ outcome: 'Lamp unit replaced by the lighting contractor', message: 'The street light has been repaired.' }],
  'traffic-management': [{ outcome: 'Fault cleared by the signals engineer', message: 'The fault has been fixed. Thank you for reporting it.' }],
  'drainage-flooding': [{ outcome: 'Gully cleared by jetting', message: 'We have cleared the drain. Please let us know if it floods again.' }],
  'parks-trees': [
    { outcome: 'Tree surgeon made the tree safe', message: 'Our tree team has made the tree safe.' },
    { outcome: 'Cut back by the grounds maintenance team', message: 'Our grounds team has cut it back.' },
  ],
  'parking-services': [{ outcome: 'Civil enforcement officer attended', message: 'A civil enforcement officer has visited and dealt with it.' }],
  'environmental-health': [{ outcome: 'Officer visited and wrote to the occupier', message: 'An officer has visited and written to the people responsible. Please keep a diary if it happens again.' }],
  'housing-repairs': [
    { outcome: 'Repair completed by the responsive repairs team', message: 'Your repair has been completed. Please tell us if there is still a problem.' },
    { outcome: 'Mould wash and treatment done; ventilation fan fitted', message: 'We have treated the mould and fitted an extractor fan.' },
  ],
  'housing-options': [{ outcome: 'Housing options interview held; prevention duty accepted', message: 'Thank you for meeting our housing options officer. Your caseworker will stay in touch with you.' }],
  'revenues-benefits': [{ outcome: 'Account corrected and a new bill issued', message: 'We have corrected your account and a new bill is on its way.' }],
  'planning-building-control': [{ outcome: 'Site visited; owner asked to apply for permission', message: 'An enforcement officer has visited and the owner has been asked to apply for planning permission.' }],
  'childrens-services': [{ outcome: 'Early help practitioner allocated', message: 'An early help practitioner will be in touch to arrange a visit.' }],
  'adult-social-care': [{ outcome: 'Assessment arranged with a social worker', message: 'A social worker will visit to carry out the assessment.' }],
  licensing: [{ outcome: 'Licensing officer visited the premises', message: 'A licensing officer has looked into this and spoken to the licence holder.' }],
  'customer-services': [{ outcome: 'Adviser called the resident back and answered the enquiry', message: 'One of our advisers has dealt with your enquiry. Thank you for contacting us.' }],
  complaints: [{ outcome: 'Stage 1 response sent', message: 'We have sent you our response to your complaint. Thank you for taking the time to tell us.' }],
  'community-safety': [{ outcome: 'Passed to the neighbourhood policing team; patrols increased', message: 'We have arranged extra patrols with the neighbourhood policing team.' }],
  'emergency-planning': [{ outcome: 'Attended with the utility company; area made safe', message: 'The area has been made safe. Thank you for calling us straight away.' }],
};

/** A team's notes while it works a case. */
export const NOTES = [
  'Added to tomorrow morning\'s schedule',
  'Passed to the crew supervisor',
  'Contractor instructed; awaiting a date',
  'Checked the history: first report at this address',
] as const;

export const AWAITING_NOTES = [
  'Phoned the resident to ask for photos; left a voicemail',
  'Need access to the property: waiting for the resident to confirm a date',
] as const;

/** Reroutes teams make when a case reached the wrong service, with their reasons. */
export const REROUTES: Record<string, { to: string; reason: string }> = {
  pothole: { to: 'car-parks', reason: 'It is inside the council car park, which Parking Services maintain' },
  noise: { to: 'anti-social-behaviour', reason: 'The resident describes groups outside, not a neighbour: Community Safety' },
  'overgrown-vegetation': { to: 'nuisance-land', reason: 'The hedge is on private land: Environmental Health can serve notice' },
  litter: { to: 'fly-tipping', reason: 'It is a dumped load, not litter' },
};

/**
 * What a resident's first words about a service can turn out to be: an adviser who hears more chooses
 * the other service over routing's suggestion (an override), and a team that gets such a case sends
 * it on (a reroute). Routing corrections, for the measures (docs/measures.md, "Routing quality").
 */
export const ROUTING_CORRECTIONS: Record<string, { to: string; reason: string }> = {
  'missed-bin': { to: 'assisted-collection', reason: 'The resident has an assisted collection: the crew did not bring the bin out' },
  'assisted-collection': { to: 'missed-bin', reason: 'Not the assisted collection: the whole street was missed' },
  'housing-repair': { to: 'private-housing-conditions', reason: 'A private landlord’s home, not a council home: Housing Options enforce standards' },
  'tree-problem': { to: 'overgrown-vegetation', reason: 'It is a hedge and brambles over the path, not a tree' },
  'overgrown-vegetation': { to: 'tree-problem', reason: 'It is a tree overhanging the path, not a hedge' },
  graffiti: { to: 'road-signs', reason: 'The graffiti covers a road sign: Traffic Management replace the sign' },
  'illegal-parking': { to: 'abandoned-vehicle', reason: 'The car has not moved for weeks and is untaxed: abandoned, not parked' },
  'abandoned-vehicle': { to: 'illegal-parking', reason: 'The van is moved every few days: parked badly, not abandoned' },
  'fly-tipping': { to: 'street-cleaning', reason: 'A few bags of litter along the verge, not a dumped load' },
  'traffic-lights': { to: 'pedestrian-crossing', reason: 'It is the crossing’s lights and beeper, not the junction’s' },
  'street-light-fault': { to: 'lighting-column-damage', reason: 'A car hit the column: it is leaning, not just unlit' },
  pothole: { to: 'pavement-defect', reason: 'The hole is in the pavement, not the road' },
  'blocked-drain': { to: 'flooding', reason: 'The water is coming up to the front doors: flooding, not a slow drain' },
  'dog-fouling': { to: 'street-cleaning', reason: 'The whole footpath needs sweeping, not one mess' },
  noise: { to: 'anti-social-behaviour', reason: 'Groups gathering outside, not a neighbour: Community Safety' },
};

/** What an adviser records when they deal with a question at the desk or on the phone. */
export const ADVISER_RESOLVED_NOTES = [
  'Explained and showed them how to do it online at the desk',
  'Answered the question and gave them the leaflet',
  'Helped them complete the online form on the public computer',
] as const;

/** Residents who want a person: on the phone or by text an adviser takes it; from the web form it becomes a case for Customer Services. */
export const ADVISER_REQUESTS = [
  'Can I speak to a person please',
  'I need to talk to someone about a letter I got',
  'I have a question about something complicated with my neighbour',
  'I would like to speak to an adviser',
] as const;
