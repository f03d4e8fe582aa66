import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { emergencyFigures } from '../../../scripts/eval-emergency.js';
import {
  EMERGENCY_REPLIES,
  emergencyReply,
  lexiconWord,
  looksSpanish,
  screenEmergency,
  screenEmergencyByRules,
} from '../../../understanding/emergency/index.js';

/** Emergencies written for this test (not the eval set), across every category, English and Spanish. */
const EMERGENCIES: readonly string[] = [
  // medical
  'my grandpa fell in the kitchen and hes not breathing',
  'HELP my husband isnt breathing!!!',
  'there is a guy slumped over in the bus shelter, he is unconscious',
  'a woman fainted on the platform and wont wake up',
  'some dude on my steps is passed out and turning blue',
  'I think my roommate overdosed, what do i do',
  'my son is choking on a grape',
  'my dad has crushing chest pain and is sweating',
  'I think my mom is having a stroke her face is drooping',
  'kid having a seizure at the playground on 5th st',
  'a man is bleeding a lot from his head outside the corner store',
  'my toddler drank bleach from under the sink',
  'a cyclist just got hit by a truck at Broad and Spring Garden and he is lying in the road',
  'car wreck on Roosevelt Blvd, the driver is trapped and bleeding',
  'there is a dead body in the vacant lot behind my house',
  'we need an ambulance at 2200 Tasker now',
  'her water broke and the baby is coming',
  'old man on the sidewalk not moving at all, people just walking by him',
  // fire and smoke
  'the rowhouse next door is on fire',
  'smoke is pouring out of the basement windows across the street',
  'theres a fire in the trash room of our building',
  'my kitchen is full of smoke and the pan is in flames',
  'a transformer just exploded on our block',
  'I smell something burning inside the wall by the outlet',
  'fiiire!!! the porch is burning',
  // gas and carbon monoxide
  'i smell gas really strong in my hallway',
  'my carbon monoxide detector keeps going off and my head hurts',
  'we are running a generator in the basement and everyone is dizzy and nauseous',
  'gas is leaking from the meter outside, you can hear it hissing',
  // power lines
  'a power line is down on our street and sparking',
  'wires down across the sidewalk after the storm and kids are walking near them',
  'the pole outside is throwing sparks',
  // weapons and violence
  'guy outside the deli waving a gun at people',
  'shots fired on Kensington Ave just now',
  'my cousin just got shot',
  'someone got stabbed at the bus stop',
  'he pulled a knife on me and is still outside my door',
  'two guys are beating a man with a bat outside my window',
  'my boyfriend is hitting me and I locked myself in the bathroom',
  'I hear a woman screaming for help in the alley',
  'my ex keeps threatening to kill me and he is outside',
  'they are robbing the pharmacy right now',
  // intruders
  'somebody is breaking into my back door right now',
  'there is a stranger in my house, i am hiding in the closet',
  'someone is trying to get into my window',
  // children
  'a man just grabbed a little girl and pulled her into his car',
  'there is a baby locked in a hot car in the parking lot',
  'toddler wandering alone in the middle of the street',
  'i cant find my son, he is 4, he was just here at the park',
  // self-harm
  'i want to kill myself',
  'i dont want to be alive anymore',
  'my sister says she is going to end her life tonight, she took too many pills',
  'guy climbing over the railing of the overpass saying he wants to jump',
  // hazards
  'someone spilled a chemical at the rec center and kids are coughing and throwing up',
  'the building on my corner is collapsing and there are people inside',
  'two workers are trapped under the collapsed trench',
  'a car went into the river and the driver is still in the car',
  // Spanish
  'mi abuela no respira',
  'hay un incendio en el edificio de al lado',
  'huele a gas en toda la casa',
  'un hombre con una pistola en la esquina',
  'acaban de apuñalar a un muchacho',
  'mi esposo me esta pegando',
  'mi hijo se trago pastillas de su abuela',
  'mi vecina esta inconsciente en la escalera',
  'ya no quiero vivir, me quiero matar',
  'alguien esta dentro de mi casa, tengo miedo',
  'hay cables de luz caidos en la calle echando chispas',
  'un señor atropellado en la avenida, esta sangrando',
  'se están robando la tienda ahora mismo',
  'secuestraron a una niña en la esquina',
];

/** Routine questions and reports that share words with emergencies. */
const ROUTINE: readonly string[] = [
  'how do i get a free smoke alarm',
  'can the fire department install a smoke detector in my basement',
  'my smoke alarm keeps chirping, is it the battery?',
  'the fire hydrant on my corner is leaking',
  'kids keep opening the fire hydrant all summer',
  'how do i pay my gas bill',
  'is PGW the gas company for my block',
  'the gas station on Broad has trash blowing everywhere',
  'my car was towed from in front of my house',
  'abandoned car on my street for weeks with flat tires',
  'burned out car has been sitting on our block for a month',
  'no heat in my apartment and the landlord does not answer',
  'the heater in my rental has been broken since october',
  'the vacant house next door looks like it could collapse',
  'the porch on the abandoned house is about to fall down',
  'dead animal in the street in front of my house',
  'there is a dead raccoon in the gutter',
  'a fallen tree is blocking the whole street',
  'street light out on my block for two weeks',
  "I'm dying to know what day trash is",
  'this pothole is killing my tires',
  'shoot, I missed trash day',
  'my life is a dumpster fire lately',
  'does the fire department have a smoke alarm program',
  'what police district am i in',
  'noise from a party next door every weekend',
  'how do i fight a parking ticket',
  'before someone gets hurt please fix this sidewalk',
  'this intersection is going to get someone killed',
  'the street light pole got hit by a car last month and is leaning',
  'someone is going to get hit by a car at this crosswalk',
  'where can i get a flu shot',
  'i took a screenshot of my confirmation',
  'is there a gun buyback this year',
  'how do I get free gun locks',
  'where can i get narcan training to prevent overdose deaths',
  'rats are running all over the alley',
  'the dumpster behind the restaurant smells terrible',
  'the neighbors smoke on their porch and it comes in my window',
  'how do i bleed the radiators in my house',
  'my recycling bin got stolen',
  'graffiti on the wall of the school',
  'illegal dumping of paint cans and tires in the lot',
  'fireworks going off every night on my block',
  'can i burn leaves in my backyard',
  'my elderly mother lives alone, can someone check her trash day',
  'the crossing signal button is unresponsive',
  'the city is not responding to my complaint',
  'my jump shot is terrible lol',
  'what is the holiday trash schedule for labor day',
  '¿Los bomberos ponen alarmas de humo gratis?',
  '¿Cuándo pasa la basura en mi calle?',
  'la casa abandonada parece que se va a caer',
  'hay un carro abandonado en mi cuadra desde hace meses',
  'tengo una pregunta sobre mi factura de gas',
  'un gato muerto en la calle',
  'no hay calefacción en mi apartamento',
  'my throat hurts from yelling at the eagles game',
  'there is no smoke and no fire, just a smell from the sewer',
  'the elevator in my building is broken again',
  'my car is stuck in the snow and the street is not plowed',
  'I got hurt tripping on the broken sidewalk last year, who fixes it',
  'a tree branch is hanging over the power lines, can someone trim it',
  'the traffic signal is stuck on red',
  'people speed down my street, someone could get killed',
];

/** More wordings, written to probe generalisation (each was first run against the screen unseen). */
const MORE_EMERGENCIES: readonly string[] = [
  "my dad fell down the stairs and hit his head, he's bleeding",
  'someone is overdosing in the library bathroom',
  'a guy just collapsed on the sidewalk',
  "there's a man lying face down on the sidewalk not responding",
  "neighbor's kid fell out of a second floor window",
  'man having a heart attack at the bus stop',
  'car crashed into a house and the driver is stuck',
  'someone is breaking into cars right now on my block',
  'a man is following me and i am scared',
  'guy swinging a bat at people outside the bar',
  'I took a bunch of pills',
  'i am going to end it tonight',
  'se está incendiando la casa de al lado',
  'me quieren matar',
  'mi mamá se cayó y no se puede levantar',
  'hay humo saliendo del sótano',
  'alguien está entrando a mi casa',
  'mi esposo me golpea',
  'un cable eléctrico se cayó en la calle',
  'CO detector is beeping and my kids have headaches',
  'i think there is a gas leak',
  'manhole cover exploded',
  'smoke is coming from a manhole',
  'the elevator is stuck between floors with my grandmother inside',
  'someone fell onto the subway tracks at city hall station',
  'a kid fell through the ice on the pond',
  'a car went into the river',
  'someone set a car on fire',
  'it smells like rotten eggs in my kitchen',
  'a tree fell on a car and someone is inside',
  'the roof caved in and my mom is under it',
  'I was just mugged',
  'a man is peeking in my window',
  'pit bull mauling a kid on my street',
  'pedestrian hit by a bus at broad and olney',
  'there is a fight right now outside with like 20 people',
  'my friend is unresponsive after taking something',
  'baby is not breathing',
  'my husband is having a seizure',
  'grease fire in my kitchen',
  'fire in the alley behind my house',
  'my stove is on fire',
  'house fire on 5th street people still inside',
  "there's a dude with a gun on the el",
  'just heard like 6 gunshots outside',
  'somebody shot at my car',
  'a woman is being attacked in the park',
  'my neighbor is threatening me with a knife',
  'someone broke into my house and they might still be here',
  'my daughter is missing, she didnt come home from school and its 10pm',
  'a guy is trying to get into cars and when i yelled he pulled a knife',
  'im thinking about killing myself',
  'my friend texted me she is going to kill herself',
  'I want to hurt myself',
  'my son cut his wrists',
  "there's a downed wire sparking on the sidewalk",
  'power lines are down and one is on a car with people inside',
  'strong gas smell outside the school',
  "my eyes are burning and I can't breathe, there's a weird smell in the building after they sprayed something",
  'kid locked in car in the walmart lot its 90 degrees',
  'my grandma isnt waking up',
  "he's turning blue",
  'help my baby is choking',
  'mi hijo no respira',
  'hay una balacera en la calle',
  'un hombre armado en la tienda',
  'se está quemando mi casa',
  'huele mucho a gas',
  'mi vecino se quiere suicidar',
  'acaban de atropellar a un niño',
  'un niño se está ahogando en la piscina',
  'mi papá tiene dolor de pecho',
  'hay un incendio en la esquina',
  'un señor se desmayó en la calle',
  'me están robando',
  'hay alguien en mi casa',
  'Fire!!',
  "HELP there's smoke everywhere in my apartment",
  'car on fire on the expressway',
  'someone is shooting',
  'my brother overdosed',
  'call an ambulance a man is down',
  'man down at 52nd and market bleeding',
  "a dog bit my son's face and its bleeding a lot",
  'someone just got stabbed outside my building',
  'somebody hit my friend with a brick and hes not moving',
  'woman screaming help in the alley',
  'electrical outlet sparking and smoking in my bedroom',
  'a building collapsed on girard ave with workers inside',
  'the scaffolding just fell on people',
  'carbon monoxide alarm is going off',
  'my kids are dizzy and have headaches and we have a space heater on',
  'a guy is threatening to jump off the ben franklin bridge',
];

const MORE_ROUTINE: readonly string[] = [
  // An emoji ends a thought like a full stop: the question after it is still a question.
  'got a ticket while i was paying the meter 🙄 how do i fight it',
  'hit and run damaged my parked car last night',
  'report a hit and run',
  'my neighbors house was on fire last year and now its abandoned',
  'the fire department left a mess',
  'can i have a fire pit',
  'open burning in the lot next door every weekend',
  'shooting range zoning',
  'how do I report a drug house',
  'kids fighting at the rec center every day',
  'people fighting every night outside the bar',
  'my car was broken into last night, how do i file a report',
  'someone stole my bike',
  'my packages keep getting stolen',
  'the elevator in my building has been broken for a week',
  'the sewer smells like rotten eggs',
  'smells like rotten eggs from the drain',
  'how do i get a smoke detector',
  'is there a carbon monoxide detector program',
  'free carbon monoxide detectors?',
  'a tree fell on my car last night during the storm, who pays',
  'tree branch fell on the power lines',
  'the power is out on my block',
  'water main break flooding the street',
  'fire hydrant knocked over by a car',
  'my trash can got run over by the truck',
  'the dumpster is overflowing and smells awful',
  'a dead cat in the alley',
  'there is a dead deer on the side of the road',
  'rats are killing me',
  'this heat is killing me',
  'i need a copy of my death certificate for my dad',
  'my mom died and i need her death certificate',
  'how to report a landlord who threatens to evict me',
  'my landlord is threatening to shut off my heat',
  'the landlord keeps threatening me with eviction',
  'when is the gun buyback',
  'I want to buy a gun, do I need a permit',
  'where is the police district office',
  'how do i become a firefighter',
  'i was almost hit by a car at this crosswalk',
  'cars keep almost hitting kids at this corner',
  'somebody is going to die at this intersection',
  "my neighbor's dog barks all night",
  'a stray dog is chasing cats',
  'a loose dog chased my kid yesterday',
  'the crossing guard is missing again',
  'the school bus is always late',
  'missed trash pickup again',
  'no fire just a really smoky grill next door',
  'the bbq smoke from the restaurant is coming into my window',
  'my chimney smoke bothers the neighbor, is that legal',
  'exhaust smoke from buses',
  "I'm dead tired of calling about this pothole",
  'this pothole is a death trap',
  'the sidewalk is a death trap for seniors',
  'the stairs at the el station are a deathtrap',
  'killer deals at the farmers market?',
  'we had a blast at the block party, need a permit next year',
  'how to get a block party permit',
  'graffiti that says kill the cops on the wall',
  'someone spray painted a gun on my garage',
  'abandoned car with a broken window',
  'how do i report illegal fireworks',
  'fireworks going off and the dog is scared',
  'loud music and gunshots in a movie next door lol',
  'my power went out and my food is spoiling',
  'power lines hanging low over the alley for months',
  'cable line down in my backyard (comcast)',
  'is the library open on memorial day',
  'what is the holiday schedule for thanksgiving',
  'the traffic light is out at broad and erie',
  'no heat and its freezing, my kids are cold',
  'the heater is broken and we are using the oven',
  'i have a space heater, is that allowed',
  'the vacant house next door is falling apart',
  'the porch roof is sagging and could fall',
  'part of the ceiling fell in my rental after a leak',
  "my elderly neighbor lives alone and hasn't picked up her mail in a week",
  'i think my neighbor died, i havent seen him in weeks and his mail is piling up',
  '¿dónde pago la factura del gas?',
  '¿cuándo recogen los muebles?',
  'hay ratas en mi patio',
  'la luz de la calle está apagada',
  'tengo una pregunta sobre el incendio de ayer, quien limpia',
  'quiero una alarma de humo gratis',
  'hay un hidrante roto',
  'mi carro fue remolcado',
];

/** A second probe round: social-media and text-speak wording, and routine reports that share words. */
const PROBE_EMERGENCIES: readonly string[] = [
  'a huge tree fell on power lines and the lines are on the ground',
  'a dog attacked my kid and he is bleeding',
  '911',
  'HELP 911',
  'someone call 911 please',
  'llamen al 911 ya',
  "the gas stove won't turn off and it's hissing",
  'someone just snatched my purse and is running down Market',
  'a girl walking home is being followed by a car',
  'my father has dementia and wandered off an hour ago',
  "there's an unattended backpack on the platform at 15th street station",
  "there's a guy with a sword on the el",
  'our carbon monoxide detector went off and now it stopped',
  "there's a really bad car accident on I-95 with people hurt",
  "that car has been abandoned for months and now it's on fire",
  'there was a loud bang and now the house next door is on fire',
  'we had a fight and he shot my brother',
  'i heard shots a few minutes ago right outside',
  'the fumes from the spill just now have everyone coughing and their eyes burning',
  'a man is going to jump from the roof',
  "he says he's going to jump",
  'domestic violence happening right now next door, she is screaming',
  "Hi, I've been trying to reach someone about the streetlight for weeks, but right now there's a guy in the alley who isn't breathing",
  'sry to bother u but my nieghbor is on the floor not breathin',
  'somebdy got shot on 5th n girard',
  'ppl fightin wit knives outside the store',
  'theres a fyre in my buildin',
  'i smel gas bad in my apt',
  'my lil bro swallowed a battery',
  'som1 broke in my crib rn',
  'bro is ODing in the bathroom',
  'yo my homie got stabbed',
  'help!!! house on fire!!!',
  'FIRE AT 22ND AND TASKER',
  'my grandma fell and shes bleeding from her head',
  'theres a man passed out in the middle of the road',
  'Mi vecino is not breathing please help',
  'hay un fire en la casa de al lado',
  'my abuela no respira',
  'I need help my husband is trying to kill me',
  "the man upstairs is beating his kids, they're screaming",
  'a girl is being dragged into a car',
  'the guy at the corner store just robbed it with a gun',
  "an old man collapsed at the bus stop and isn't responding",
  'wires are down and sparking after the storm on my street',
  'kids are playing near a downed power line',
  "water is pouring into the basement and it's reaching the electrical panel and sparking",
  "there's a gas smell in the whole block",
  'please send help someone is trying to break my door down',
  "my friend said she wants to kill herself and won't answer her phone",
  'i have a knife and i want to hurt myself',
  'I overdosed I think',
  'my son took a bunch of my sleeping pills',
  'a toddler is wandering on the highway',
  'a school bus crashed and kids are hurt',
  "a cyclist got doored and isn't moving",
  'someone is shooting at cars on the expressway',
  'a guy is waving a gun around in the park',
  'my landlord is threatening me with a gun',

  "someone is lying in the snow and won't respond",
  "she's foaming at the mouth",
  "he's gasping for air",
  "my kid is having an asthma attack and the inhaler isn't working",
  'someone is banging on my door threatening me',
  'a woman is being held against her will in the house next door',
  'my dad is threatening to shoot himself',
  'my son is hearing voices and says he will hurt the family',
  'toddler on the window ledge on the third floor',
  'someone left a baby on the steps of the church',
  'the kids next door have been home alone for 2 days',
  "my mom is very sick and can't move",
  'a car drove onto the sidewalk and hit people',
  'theres a shootout on lehigh',
  'mi esposo está amenazando con matarme',
  'hay un niño solo en la calle',
  'está saliendo gas de la estufa',
  'my neighbor is threatening me with a bat',
  'a kid is drowning in the pool',
  'active shooter at the mall',
  'there is a shooting on my block right now',
  'se está ahogando un niño',
  '@Philly311 theres flames coming out the windows of the rowhome on 22nd',
  'yo somebody just got shot on my corner send help',
  "omg my neighbor's house is burning",
  'plz help my mom fell and she wont wake up',
  'my 2yo swallowed a battery',
  'my son ate some of my pills',
  'grandpa is slurring his words and his face is drooping',
  'some guy is pointing a gun at cars on broad st',
  'a man with a machete in the subway',
  "there's someone with a knife at the rec center",
  'a guy is punching a woman at the bus stop',
  'my stepdad is choking my mom',
  "neighbors are fighting and he's throwing her against the wall",
  'someone broke my back window and is inside my house right now',
  "i hear glass breaking downstairs and I'm home alone",
  'a man just snatched a kid at the playground',
  'a little boy is walking alone on the highway',
  "there's a baby alone in a car with the windows up",
  'my teenage son says he wants to die and has a gun',
  'my girlfriend just texted me goodbye and said she took all her pills',
  "i can't do this anymore, i want to end my life",
  'a woman is sitting on the ledge of the parking garage roof',
  'I smell gas in the basement and my CO alarm is going off',
  "there's a hissing noise and gas smell from the meter",
  "a truck hit a gas line and it's hissing",
  "a tree took down the power lines and they're sparking on the street",
  'a live wire is lying across the road',
  'transformer on fire on my street',
  'my neighbor collapsed in the hallway',
  'a homeless man is unconscious in the snow',
  "lady fainted on the bus and isn't waking up",
  "there's a body in the river",
  'a kid is drowning at the pool',
  "a man fell off a roof and isn't moving",
  'a worker fell from the scaffolding and is bleeding',
  'my dad is having chest pains and trouble breathing',
  'my wife is in labor and the baby is coming now',
  'an allergic reaction, his throat is closing',
  'a van is on fire under the el',
  'the dumpster behind my building is on fire and spreading to the fence',
  'fire in my apartment building hallway',
  "someone's car exploded on our block",
  "bomb threat at my kid's school",
  "there's a suspicious package at the bus station",
  'two guys are robbing the corner store with guns',
  "they're carjacking someone at the gas station",
  'a man with a gun at the gas station',
  "i think my neighbor is dead, he's on the floor and not moving",
  'person down in the middle of the street, might be hit by a car',
  'drunk driver just crashed into a pole and the car is smoking and the guy is bleeding',
  'alguien le disparó a mi vecino',
  'hay un hombre con un cuchillo afuera',
  'mi bebé no está respirando',
  'mi casa se está quemando',
  'hay fuga de gas en el edificio',
  'un hombre está golpeando a una mujer en la calle',
  'mi hija se quiere matar',
  'se llevaron a un niño en una camioneta',
  'un hombre se cayó del techo y no se mueve',
  'hay un cable de luz caído echando chispas',
  'le está dando un infarto a mi papá',
  'mi hijo tomó cloro',
];

const PROBE_ROUTINE: readonly string[] = [
  "my smoke alarm is going off for no reason and there's no smoke",
  'the building next door is leaning and bricks are falling on the sidewalk",  "bricks fell and almost hit my son',
  'sinkhole opening up in the middle of the road',
  'traffic light is out at a busy intersection and cars are crashing",  "rats bit my child last night',
  'my child has lead poisoning, what help is there',
  "I need my mom's death certificate",
  'the abandoned house is a fire trap',
  'kids are setting off fireworks at people',
  'my neighbor threatened to call the police on me',
  'my neighbor threatens to sue me over the tree",  "the landlord says he will kill the rats',
  'water is gushing from a hydrant and flooding the street',
  'manhole cover is missing, someone could fall in',
  "there's a big crack in my ceiling and it might fall",
  'the stop sign was knocked down by a car',
  'I got a ticket while my car was being towed',
  'should i call 911 or 311 for a downed tree?',
  'is a snow emergency declared?',
  'what is the difference between 911 and 311',
  'someone stole my phone last week, how do i get a police report',
  'my tires are hissing, is there a pothole claim',
  'abandoned suitcase dumped in the vacant lot',
  'my dog got lost, is there an animal shelter',
  'the city is missing the point on trash',
  'the snake plant is hissing lol',
  'my elderly mom is confused about her tax bill',
  'a dumped box of trash in the alley',
  'someone stole my recycling bin, how do I get a new one',
  'The bus depot idles its buses all morning and the fumes have my kids coughing every day. Who regulates this?',
  'The auto body shop next door sprays paint with the doors open and the fumes make us dizzy for weeks now. Is that allowed?',
  'Dear 311, the factory on our block has a strong chemical smell every evening and several neighbors have complained of headaches and coughing. Please investigate.',
  "There was a small kitchen fire in my rental last month and the landlord still hasn't fixed the damage or replaced the smoke detector.",
  'My elderly father fell on the icy sidewalk in front of the vacant house last winter and broke his hip; the owner never shovels.',
  'Every night there are people fighting and yelling outside the bar on the corner until 3am, can you send someone?',
  "I'm a nurse and I work nights, the construction noise during the day is killing me, I can't sleep",
  'Our block captain wants to organize a CPR and overdose training, who do we talk to?',
  'I saw on the news there was a shooting near the school, will there be more police patrols?',
  "My neighbor's abandoned car was set on fire last summer and the burnt shell is still there",
  'The pothole on Broad is so deep a guy on a bike fell in it last week and got hurt, please fix it before someone gets killed',
  'We had a gas leak last year and PGW fixed it, but now the street they dug up has a huge hole',
  "hi, my smoke alarm went off while cooking and now it won't stop chirping, can the fire department replace it?",
  'can you tell me the number for poison control? just want to have it on the fridge',
  'where can I take a CPR class',
  'is there a program for free carbon monoxide detectors for seniors?',
  'I am writing about the dangerous intersection at 5th and Olney where three people have been hit by cars this year.',

  'my son wants to jump off the diving board at the city pool, is it open',
  'the kids are going to jump rope on the sidewalk',
  'domestic violence shelter near me, need help',
  'my smoke detector keeps beeping',
  'I need a new smoke detector, mine goes off for no reason',
  'the corner is dangerous, drug dealing and shootings all the time',
  "my neighbor's tree fell on my house during the storm",
  'a car crashed into the pole on my corner and knocked it down',
  'needles in the park, kids could get stuck',
  'im dying of heat, can i get an ac unit',
  'how to report child abuse',
  'my neighbor is a hoarder, total fire hazard',
  'the house next door collapsed last month, when will they clear it',
  "Hi, I've been trying to reach someone about the streetlight for weeks, it is still out",
  'sry to bother u but when is my trash day',
  'ppl keep dumpin trash in the lot',
  'my apt has no heat again',
  'my lil bro needs a library card',
  "theres a hole in my buildin's sidewalk",
  'need a permit for a block party with a fire truck visit',
  'my grandma fell on the broken sidewalk last month, can you fix it',
  'the guy at the corner store sells loose cigarettes',
  'wires are hanging low from the pole',
  'kids are playing in the street and cars speed',
  'water is pouring into the basement from the street after rain',
  "there's a sewer smell on the whole block",
  'my son needs his birth certificate',
  'a school bus keeps blocking my driveway',
  'a cyclist was doored here last year, we need a bike lane',
  'my landlord is threatening to raise my rent',
  'how do I report a shooting gallery (drug house) on my block',
  'the bar next door has fights every weekend',
  'is it legal to carry a knife in philly',

  "he can't move his car because of the snow",
  'i can not move my trash cans, they are frozen',
  'the kids are home alone after school until 6, is there an after school program',
  'my landlord is holding my deposit hostage',
  'someone keeps banging on the door of the vacant house at night',
  'shout out to the sanitation crew',
  'my mom lives alone and needs help with her trash',
  'the baby changing station in the library is broken',
  'the landlord keeps threatening me with eviction',
  'what police district handles shootings',
  'how many shootings in my district this year',
  'community meeting about the shooting on our block',
  'where can i get narcan in case of an overdose',
  'hay mucho humo de la parrilla del vecino',
  'the water bill gave me a heart attack',
  'the rat population exploded this summer',
  'my basement is drowning in water after the storm',
  'we are drowning in medical bills, is there help paying the water bill',
  'im drowning in paperwork for my business license',
  "@Philly311 the streetlight on my block is flickering and it's dark as hell",
  'yo the trash didnt get picked up AGAIN',
  'omg the potholes on my street are insane',
  'plz help with my water bill',
  'how do i dispose of old batteries',
  'where can i dispose of old pills safely',
  'my grandpa needs help applying for homestead',
  'someone keeps parking in front of my driveway',
  'a guy keeps dumping tires in the lot',
  'there are knives and needles in the vacant lot',
  'kids keep punching holes in the bus shelter',
  "my neighbor's tree is choking my gutters",
  'the neighbors are fighting over parking again',
  "someone broke my back window last week, the landlord won't fix it",
  "i hear my neighbors' music downstairs every night",
  'a little league game blocks the street every saturday',
  'baby formula assistance programs',
  'car seat inspection for my baby',
  'my teenage son wants a summer job with the city',
  'how do i text 311',
  'the parking garage roof is leaking',
  'how much does a gas line permit cost',
  'gas meter reading is wrong on my bill',
  'the power lines in my alley are low, who do I call',
  'transformer humming loudly all night',
  'my neighbor collapsed her trash bins into the recycling',
  'homeless encampment in the park',
  "there's a body shop operating illegally on my block",
  'pool hours this summer',
  'a man fell asleep on my steps again',
  'worker left construction debris all over the sidewalk',
  'chest x ray clinics in the city?',
  'allergy season and the weeds in the vacant lot are huge',
  'a van is parked under the el for a month',
  'the dumpster behind my building is overflowing',
  'fire escape on my building is rusted',
  "someone's car alarm goes off every night",
  'school zone speeding is dangerous',
  'suspicious car parked on our block for days',
  'the corner store sells loosies to kids',
  'the gas station has a huge pothole',
  'man selling stuff at the gas station',
  'my neighbor died and his house is empty, who cleans the yard',
  'the street is dead at night, need more lights',
  'the pole is leaning after a car hit it',
  "a car hit a pole last night and now it's leaning over the sidewalk",
  'una pregunta sobre el pago del gas',
  'hay un hoyo grande en la calle',
  'la basura no pasó',
  'mi vecino tira basura en la calle',
  '¿cómo pido un bote de reciclaje?',
  'hay un carro quemado abandonado en la calle',
  'el árbol se cayó sobre los cables la semana pasada',
  'quiero matar las ratas de mi patio',
  'mis hijos necesitan prueba de plomo',
  'el semáforo no funciona',
];

/** Spanish, as residents write it (accents or not). */
const SPANISH_EMERGENCIES: readonly string[] = [
  '¡Auxilio! Hay un incendio en mi cocina',
  'Sale mucho humo de la casa de enfrente',
  'Huele a gas en todo el edificio',
  'Mi esposo se desmayó y no despierta',
  'Mi bebé se está ahogando',
  'Un hombre le está pegando a una mujer en la calle',
  'Hay un tipo con una pistola en la parada del autobús',
  'Escuché disparos afuera de mi casa',
  'Acaban de apuñalar a alguien en la esquina',
  'Mi hijo se tomó unas pastillas de su abuela',
  'Mi papá tiene un dolor fuerte en el pecho',
  'Mi mamá está convulsionando',
  'Un carro atropelló a un niño',
  'Hay un cable de luz en el suelo echando chispas',
  'Alguien se metió a mi casa',
  'Un hombre está tratando de entrar por mi ventana',
  'Se robaron a una niña en un carro blanco',
  'Mi vecino dice que se va a matar',
  'Ya no quiero vivir',
  'Un señor está en el puente y quiere saltar',
  'Hay una persona inconsciente en el parque',
  'Mi vecina no respira',
  'Se está quemando el carro abandonado',
  'Hay alguien sangrando mucho en la acera',
  'Mi esposo me amenaza con un cuchillo',
  'Hay un derrame de químicos y la gente está tosiendo',
  'El edificio se derrumbó y hay gente adentro',
  'Un niño se cayó por la ventana',
  'Hay un hombre muerto en el callejón',
  'Mi hija tomó cloro',
  'Estoy atrapada en el elevador',
  'Una mujer está dando a luz en la calle',
];

const SPANISH_ROUTINE: readonly string[] = [
  '¿Cómo consigo una alarma de humo gratis?',
  'El hidrante está goteando',
  '¿Dónde pago la cuenta del gas?',
  'Hay un carro abandonado hace meses',
  'No tengo calefacción en mi apartamento',
  'La casa de al lado se está cayendo a pedazos',
  'Hay un animal muerto en la calle',
  'Se cayó un árbol y bloquea la calle',
  'La luz de la calle no funciona',
  '¿Qué día pasa la basura?',
  'Hay mucho ruido de una fiesta',
  'Se me olvidó sacar la basura',
  'Quiero reportar grafiti',
  'Hay un bache enorme frente a mi casa',
  '¿Cuál es mi distrito policial?',
  'Me robaron la bicicleta la semana pasada',
  'Los vecinos tiran basura y me tiene harta',
  'Me muero de ganas de saber cuándo pasan por los muebles',
  'Este bache me está matando las llantas',
  'alguien se va a matar en este bache',
];

describe('emergency screen', () => {
  it('has a large enough table on both sides', () => {
    assert.ok(EMERGENCIES.length >= 40);
    assert.ok(ROUTINE.length >= 40);
  });

  for (const text of [...EMERGENCIES, ...MORE_EMERGENCIES, ...PROBE_EMERGENCIES, ...SPANISH_EMERGENCIES]) {
    it(`sends to 911: ${text}`, () => {
      const result = screenEmergency(text);
      assert.equal(result.emergency, true, `not flagged: ${text}`);
      assert.ok(result.reason, 'names the signal');
    });
  }

  for (const text of [...ROUTINE, ...MORE_ROUTINE, ...PROBE_ROUTINE, ...SPANISH_ROUTINE]) {
    it(`does not flag: ${text}`, () => {
      const result = screenEmergency(text);
      assert.equal(result.emergency, false, `flagged as ${result.reason}: ${text}`);
    });
  }

  it('ignores negated signals but keeps the others', () => {
    assert.equal(screenEmergency('no one was hurt, the light is just out').emergency, false);
    assert.equal(screenEmergency("I don't smell gas anymore, thanks").emergency, false);
    assert.equal(screenEmergency('nobody is hurt but the car is on fire').emergency, true);
  });

  it('names the signal that matched', () => {
    assert.equal(screenEmergency('i smell gas').reason, 'gas smell');
    assert.equal(screenEmergency('he is not breathing').reason, 'not breathing');
    assert.equal(screenEmergency('i want to kill myself').category, 'self-harm');
  });

  it('copes with empty and odd input', () => {
    assert.deepEqual(screenEmergency(''), { emergency: false, tier: 'none' });
    assert.equal(screenEmergency('   ').emergency, false);
    assert.equal(screenEmergency('🔥🔥🔥 ??? !!!').emergency, false);
    assert.equal(screenEmergency('a'.repeat(5000)).emergency, false);
  });

  it('is fast: under 0.2 ms of CPU per message (CPU time, so other work on the machine does not decide)', () => {
    const all = [
      ...EMERGENCIES,
      ...MORE_EMERGENCIES,
      ...PROBE_EMERGENCIES,
      ...ROUTINE,
      ...MORE_ROUTINE,
      ...PROBE_ROUTINE,
    ];
    for (const text of all) screenEmergency(text);
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 5; batch += 1) {
      const start = process.cpuUsage();
      for (const text of all) screenEmergency(text);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000 / all.length);
    }
    assert.ok(best < 0.2, `${best.toFixed(3)} ms per message`);
  });
});

describe('emergency reply', () => {
  it('tells an English speaker to call 911 in one SMS', () => {
    const reply = emergencyReply('my house is on fire');
    assert.match(reply, /Call 911 now/);
    assert.doesNotMatch(reply, /988/);
    assert.ok(reply.length <= 160);
  });

  it('answers in Spanish first when the message is Spanish', () => {
    const reply = emergencyReply('Mi vecino no respira, ¿qué hago?');
    assert.match(reply, /^Esto parece una emergencia\. Llame al 911 ahora\./);
    assert.match(reply, /Call 911 now/);
  });

  it('adds the 988 crisis line for suicide or self-harm, in both languages', () => {
    assert.match(emergencyReply('i am going to kill myself tonight'), /call or text 988/);
    assert.match(emergencyReply('ya no quiero vivir'), /988/);
    assert.match(emergencyReply('ya no quiero vivir'), /^Esto parece una emergencia/);
  });

  it('keeps every reply within one GSM-7 SMS', () => {
    const gsm7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅå_ÆæßÉ!"#%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/;
    for (const reply of Object.values(EMERGENCY_REPLIES)) {
      assert.ok(reply.length <= 160, reply);
      assert.match(reply, gsm7);
    }
  });

  it('answers Spanish first for mixed Spanish and English, which still carries the English line', () => {
    assert.match(
      emergencyReply('hay un fire en la casa de al lado'),
      /^Esto parece una emergencia.*Call 911 now\.$/,
    );
    assert.match(emergencyReply('my abuela no respira'), /^Esto parece una emergencia/);
  });

  it('answers every Spanish emergency in Spanish first', () => {
    for (const text of SPANISH_EMERGENCIES)
      assert.match(emergencyReply(text), /^Esto parece una emergencia/, text);
  });

  it('detects Spanish messages', () => {
    assert.equal(looksSpanish('hay humo saliendo de la casa de mi vecino'), true);
    assert.equal(looksSpanish('there is smoke coming out of my neighbor house'), false);
  });
});

describe('emergency screen on its development set (test/fixtures/eval/emergencies-dev.jsonl)', () => {
  const rows = readFileSync(new URL('../../fixtures/eval/emergencies-dev.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { q: string; expect: 'emergency' | 'routine' });
  const figures = emergencyFigures(rows);

  it('gives at least 95% of the emergencies the full 911 reply, and at least 98% the 911 line', () => {
    assert.ok(figures.emergencies >= 150 && figures.routine >= 200);
    assert.ok(figures.clear / figures.emergencies >= 0.95, `${figures.clear}/${figures.emergencies}`);
    assert.ok(
      figures.atLeastLine / figures.emergencies >= 0.98,
      `${figures.atLeastLine}/${figures.emergencies}`,
    );
  });

  it('gives at most 1% of the routine look-alikes the full reply, and at most 5% the 911 line', () => {
    assert.ok(figures.routineClear / figures.routine <= 0.01, `${figures.routineClear}/${figures.routine}`);
    assert.ok(figures.routineAny / figures.routine <= 0.05, `${figures.routineAny}/${figures.routine}`);
  });
});

describe('emergency screen on new material (test/fixtures/eval/emergencies-dev-b.jsonl)', () => {
  // 200 lines in voices the first lexicon was not written against; its baseline was 64% / 69% / 8% / 8%.
  const rows = readFileSync(new URL('../../fixtures/eval/emergencies-dev-b.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { q: string; expect: 'emergency' | 'routine' });
  const figures = emergencyFigures(rows);

  it('gives at least 92% of its emergencies the full 911 reply and 93% the 911 line', () => {
    assert.equal(figures.emergencies, 100);
    assert.ok(figures.clear >= 92, `${figures.clear}/100`);
    assert.ok(figures.atLeastLine >= 93, `${figures.atLeastLine}/100`);
  });

  it('gives at most 1% of its routine look-alikes the 911 line or reply', () => {
    assert.ok(figures.routineAny <= 1, `${figures.routineAny}/${figures.routine}`);
  });
});

describe('emergency screen on newer material (test/fixtures/eval/emergencies-dev-c.jsonl)', () => {
  // 240 lines written before the screen's clause-scoped markers; its baseline was 65.8% / 70.0% / 9.2% / 14.2%.
  const rows = readFileSync(new URL('../../fixtures/eval/emergencies-dev-c.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { q: string; expect: 'emergency' | 'routine' });
  const figures = emergencyFigures(rows);

  it('gives at least 93% of its emergencies the full 911 reply and 94% the 911 line', () => {
    assert.equal(figures.emergencies, 120);
    assert.ok(figures.clear >= 112, `${figures.clear}/120`);
    assert.ok(figures.atLeastLine >= 113, `${figures.atLeastLine}/120`);
  });

  it('gives at most 1% of its routine look-alikes the 911 line or reply', () => {
    assert.equal(figures.routine, 120);
    assert.ok(figures.routineAny <= 1, `${figures.routineAny}/120`);
  });
});

describe('emergency screen mechanisms', () => {
  const cases: readonly (readonly [string, string, 'clear' | 'possible' | 'none'])[] = [
    // A phrase's later words inflect ("not ... moving": "has not moved").
    ['inflection', 'my dad has not moved since he fell', 'clear'],
    ['inflection', 'she will not answer me and her lips are going purple', 'clear'],
    ['inflection', 'I no longer want to be alive', 'clear'],
    ["inflection (a phrase's head stays exact)", 'the landlord will kill the mice', 'none'],
    ['housing, not self-harm', "I don't want to live next to this dump anymore", 'none'],
    // "Nobody at risk" governs what the sentence told before it, not what follows "but".
    ['nobody at risk', 'the balcony fell off but nobody was under it', 'none'],
    ['nobody at risk', 'nobody was hurt but now the garage is on fire', 'clear'],
    ['nobody at risk', 'nadie salio herido pero la casa sigue ardiendo', 'clear'],
    // The past: a time gone by, a year, and "the fire" pointing back to an event told of as over.
    ['past', 'a boy drowned in that quarry three summers ago, can it be fenced', 'none'],
    ['past', 'the roof collapsed on two workers in 2019, is the lot still condemned', 'none'],
    ['past (minutes ago is now)', 'my uncle took a whole bottle of pills twenty minutes ago', 'clear'],
    ['past', 'Our garage caught fire last winter. The insurance still has not paid for the fire.', 'none'],
    // A condition opening a sentence governs all of it.
    ['condition', 'if my grandpa ever falls, he can not get up by himself', 'none'],
    // A bare hazard after "about" is a topic; "is a (total) ..." names what something is.
    ['topic', 'can the rec center run a class about drowning for teens', 'none'],
    ['figure', 'the new parking app is a total car crash', 'none'],
    ['figure', 'there was a car crash just now and the driver is trapped', 'clear'],
    // What a hazard is about: the nearest thing or person, not a word further off or after "on".
    ['nearest', 'the trench caved in on a worker on our street', 'clear'],
    ['nearest', 'my neighbor collapsed on the pavement and is not moving', 'clear'],
    ['nearest', 'the pavement collapsed in front of the school', 'none'],
    // Spanish: a participle is a state ("la casa quemada"), stems and words of the concepts.
    ['spanish', 'la casa quemada sigue abierta, pueden cerrarla', 'none'],
    ['spanish', 'el viento tumbo los alambres y estan echando chispas', 'clear'],
    ['spanish', 'se cayo el techo encima de mi suegra', 'clear'],
    // Text-speak and typos.
    ['text-speak', 'gonna kms', 'clear'],
    ['text-speak', "roomie OD'd in the bathroom", 'clear'],
    ['text-speak', 'lil bro fell n hes turning blue', 'clear'],
    ['text-speak', 'that odd smell from the sewer again', 'none'],
    // A threat names its victim after the verb.
    ['threat', 'he says he is going to stab my sister', 'clear'],
  ];
  for (const [mechanism, text, tier] of cases) {
    it(`${mechanism}: ${tier}: ${text}`, () => assert.equal(screenEmergency(text).tier, tier));
  }
});

describe('emergency words from WordNet and Spanish forms', () => {
  for (const [message, tier] of [
    ['my uncle got knocked out at the bus stop', 'clear'],
    ['the whole apartment reeks of sulfur', 'clear'],
    ['dude got a gat pointin it at people', 'clear'],
    ['se quemaron las cortinas y mi abuela esta adentro', 'clear'],
    ['the fire marshal came after the kitchen fire and said I need a new detector', 'none'],
    ['my landlord is choking me with these rent increases', 'none'],
    ['it is not an emergency, but a wire is hanging low over the alley', 'none'],
  ] as const) {
    it(`${tier}: ${message}`, () => assert.equal(screenEmergency(message).tier, tier));
  }
});

describe('emergency concepts', () => {
  it('reads typos and sound-alikes as the lexicon words they stand for', () => {
    for (const [typed, meant] of [
      ['fier', 'fire'],
      ['fiyer', 'fire'],
      ['bulding', 'building'],
      ['breathin', 'breathing'],
      ['dauter', 'daughter'],
      ['wier', 'wire'],
      ['overdosd', 'overdosed'],
    ] as const) {
      assert.equal(lexiconWord(typed), meant, typed);
    }
  });

  it('leaves real words alone, however close to a danger word', () => {
    for (const word of ['hire', 'tires', 'bedding', 'cops', 'adding', 'fired'])
      assert.equal(lexiconWord(word), word);
  });

  const tiers: readonly (readonly [string, 'clear' | 'possible' | 'none'])[] = [
    ['theres a fier in my bulding', 'clear'],
    ['there are flames near the abandoned lot', 'possible'],
    ['the fire last month left a burned out house, who boards it up', 'none'],
    ['hace un año hubo un incendio en la casa de al lado', 'none'],
    ['what should i do if there is a fire in my building', 'none'],
    ['I saw on the news a building collapsed downtown', 'none'],
    ["I'm fired up about the potholes", 'none'],
    ['i am drowning in paperwork', 'none'],
    ['no fire, just smoke from the neighbors grill', 'none'],
    [
      'I called last week about the trash on my street and nobody came, also right now there is smoke pouring out of the house next door',
      'clear',
    ],
    ['un carro cayó al rio con gente adentro', 'clear'],
    ['my 3 year old was in the yard a minute ago and now he is gone', 'clear'],
  ];
  for (const [text, tier] of tiers) {
    it(`${tier}: ${text}`, () => assert.equal(screenEmergency(text).tier, tier));
  }
});

describe('emergency screen: what makes a danger word something else', () => {
  // Written for this test (not taken from any evaluation set or real report).
  const byRules: readonly (readonly [string, 'clear' | 'possible' | 'none'])[] = [
    // A request to the city is a complaint: the 911 line, not the 911 reply alone ...
    [
      'people keep getting assaulted on the dark path by the rec center, better lighting is needed',
      'possible',
    ],
    // ... unless the resident says it is happening now.
    ['a man is being assaulted right now on the path by the rec center, please send someone', 'clear'],
    // Told in the past tense.
    ['my neighbor was stabbed outside that bar and our block has no camera', 'possible'],
    ['a man got stabbed outside the bar and he is bleeding on the sidewalk', 'clear'],
    // Told on a day of the week.
    ['the corner store got robbed at gunpoint friday, can we get a police patrol', 'possible'],
    // The hazard word names a kind of thing.
    ['the school is holding an active shooter drill on thursday morning', 'none'],
    ['how do I become a 911 dispatcher for the city', 'none'],
    // A dead animal is a collection request.
    ['there is a dead raccoon in the gutter in front of my house', 'none'],
    ['found two dead pigeons under the el tracks', 'none'],
    ['my grandfather is dead on the kitchen floor', 'clear'],
    // A person who fell is not a structure that collapsed.
    ['i fell on the broken steps at the library and hurt my wrist', 'none'],
    // Climbing over a railing is a jump threat only at a height.
    ['kids keep climbing over the fence at the closed pool', 'none'],
    ['a woman is climbing over the railing of the bridge over the river', 'clear'],
    // A chirp is the low-battery signal, not the alarm.
    ['the carbon monoxide detector chirps every few minutes, where do I get a new battery', 'none'],
    // A denied telling of the past is no past.
    ['grease fire on the stove and we cant put it out', 'clear'],
    // Spanish people at risk.
    ['se cayo el balcon y hay una familia atrapada abajo', 'clear'],
    // Not answering is unconsciousness with a body or a place, not alone (the landlord "dont answer").
    ['ya i told the landlord, he dont answer', 'possible'],
    ['my dad is on the bathroom floor and he is not answering', 'clear'],
  ];
  for (const [text, tier] of byRules) {
    it(`${tier}: ${text}`, () => assert.equal(screenEmergencyByRules(text).tier, tier));
  }

  it('never corrects a typo into a day of the week ("ther\'s a fier" is not "thurs a fire")', () => {
    assert.equal(screenEmergencyByRules("ther's a fier in my bulding").tier, 'clear');
  });
});
