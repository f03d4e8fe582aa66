import assert from 'node:assert/strict';
import {
  EMERGENCY_REPLIES,
  emergencyReply,
  looksSpanish,
  screenEmergency,
} from '../../bot/emergency-screen.js';

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

describe('emergency screen', () => {
  it('has a large enough table on both sides', () => {
    assert.ok(EMERGENCIES.length >= 40);
    assert.ok(ROUTINE.length >= 40);
  });

  for (const text of EMERGENCIES) {
    it(`sends to 911: ${text}`, () => {
      const result = screenEmergency(text);
      assert.equal(result.emergency, true, `not flagged: ${text}`);
      assert.ok(result.reason, 'names the signal');
    });
  }

  for (const text of ROUTINE) {
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
    assert.deepEqual(screenEmergency(''), { emergency: false });
    assert.equal(screenEmergency('   ').emergency, false);
    assert.equal(screenEmergency('🔥🔥🔥 ??? !!!').emergency, false);
    assert.equal(screenEmergency('a'.repeat(5000)).emergency, false);
  });

  it('is fast: under 0.2 ms per message on average (best of 5 batches, so a busy machine does not decide)', () => {
    const all = [...EMERGENCIES, ...ROUTINE];
    for (const text of all) screenEmergency(text);
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 5; batch += 1) {
      const start = performance.now();
      for (let round = 0; round < 5; round += 1) for (const text of all) screenEmergency(text);
      best = Math.min(best, (performance.now() - start) / (5 * all.length));
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

  it('detects Spanish messages', () => {
    assert.equal(looksSpanish('hay humo saliendo de la casa de mi vecino'), true);
    assert.equal(looksSpanish('there is smoke coming out of my neighbor house'), false);
  });
});
