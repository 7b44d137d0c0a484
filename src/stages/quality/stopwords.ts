// Short lists of the commonest function words: enough to tell the larger Latin-script languages
// apart by share, not a linguistic resource. A word may sit in several lists ("de", "in").
const list = (s: string) => new Set(s.split(' '));

export const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: list(
    'the of and to a in is it that for on was with as be by at this are or from but not have has had an they which one you were all we can there their if will would must could should what when who no so then than each other only two any these may been into more also its our he she his her him them do does did how',
  ),
  de: list('der die das und ist nicht ein eine einen zu den von mit sich des auf für im dem auch es an als wird sind oder aber wie bei nach noch nur wenn ich sie wir er so'),
  fr: list('le la les et est un une des du de en que qui dans pour pas sur au avec ce il elle sont ou mais plus par se ne nous vous aux cette être sont été'),
  es: list('el la los las y es un una de del que en por con para no se su al lo como más pero sus le ya o este esta son entre cuando muy sin sobre también'),
  it: list('il lo la gli le e è un una di del della che in per con non si da al sono come ma più anche questo questa nel alla dei delle'),
  pt: list('o a os as e é um uma de do da dos das que em no na por com para não se ao mais mas como foi são seu sua também'),
  nl: list('de het een en is van in dat op te zijn met voor niet die aan er ook als bij maar om nog dan wordt uit door naar over'),
};
