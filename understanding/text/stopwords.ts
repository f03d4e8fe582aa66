/**
 * Words that carry no topic in a resident's message, English and Spanish
 * (accents already stripped). Negations are not here: phrases such as
 * "not picked up" are recognised before stopwords are dropped.
 */
const ENGLISH = `a about above after again against all almost also am an and any anyone anything anyway are around as
at be because been before being below between both but by can could did do does doing done down during each
either else even ever every everyone everything few for from further get gets getting go goes going got gotten had
has have having he her here hers herself him himself his how however i if in into is it its itself just keep keeps
kind let like lot lots made make makes many may me might mine more most much must my myself near need needs new
no nor not now of off often oh ok okay on once one only or other others our ours ourselves out over own please
pretty quite rather really right said same say says see seem seems she should since so some someone something
sometimes soon still such sure take than thank thanks that the their theirs them themselves then there these they
thing things think this those though through thru to too under until up upon us use used very want wants was way we
well were what whatever when where whether which while who whom whose why will with within without would yes yet you
your yours yourself hi hello hey dear sir madam regards sincerely kindly appreciate appreciated grateful
hope wondering wonder trying try tried know let lol omg guys folks anybody somebody someone somewhere
afternoon evening month months year years time times ago already always never again last next first still ever yeah hmm um uh sorry excuse via per etc
philly philadelphia city come came coming comes went gone seen saw seeing watch watching
leading leads`;

const SPANISH = `a al algo alguien algun alguna alguno algunos ante antes aqui asi aun bien cada como con contra cual
cuales cuando de del desde donde dos el ella ellas ellos en entre era eran es esa ese eso esta estan estas este
esto estos estoy fue fueron ha han hasta hay la las le les lo los mas me mi mis mucho muy nada ni no nos nosotros
o otra otro otros para pero poco por porque que quien quienes se sea ser si sin sobre solo son su sus tambien
tengo tiene tienen todo todos tu tus un una unas uno unos usted ustedes ya yo hola gracias favor buenas buenos
dias tardes noches quiero quisiera puedo puede pueden hacer hago debo necesito saber frente enfrente enorme
grande grandes pequeno pequena mucha muchas muchos poco poca hace desde hasta aqui alli ahi esto eso esa ese
cerca lejos lado junto dentro fuera encima debajo siempre nunca otra vez ayer hoy manana semana mes ano dias
esta estan estaba estaban estoy estamos tenemos tiene tienen tenia habia hay haya sido ser fue van voy vamos
dice dicen dijo pasa paso pasando favor ayuda ayudar alguien nadie nada todo toda todos todas mismo misma`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${SPANISH}`.split(/\s+/).filter(Boolean));

const wordSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean));
const ENGLISH_SET = wordSet(ENGLISH);
const SPANISH_SET = wordSet(SPANISH);
/** Function words of one language that the other does not share ("the", "el"): a language's fingerprint. */
export const ENGLISH_ONLY_STOPWORDS: ReadonlySet<string> = new Set(
  [...ENGLISH_SET].filter((w) => !SPANISH_SET.has(w)),
);
export const SPANISH_ONLY_STOPWORDS: ReadonlySet<string> = new Set(
  [...SPANISH_SET].filter((w) => !ENGLISH_SET.has(w)),
);

/**
 * Words that do carry some meaning but are too general to pick a topic on their
 * own ("today", "back", "buy"): they count for much less than topical words.
 */
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  `today tonight tomorrow yesterday morning night nights day days week weeks weekend weekends late early lately back
front side put place buy bought sell happen happened happens old new big small little huge large lot stuff area way
part life people person man woman guy kid kids friend family everybody nothing anything world thing start started
stop stopped long short good bad great best worst nice awful terrible love hate feel felt look looks looking looked
find found give gave come came call called tell told ask asked work works working worked help helps show live lives
living money free cost costs pay paid minute minutes hour hours number line mean means meaning meant
two three four five six seven eight nine ten twelve twenty hundred dozen half
hazard hazards safety unsafe condition conditions poor issue issues problem problems concern concerned`.split(
    /\s+/,
  ),
);
