//! Sentences for problems the code itself finds (unknown ids, ranges, monogram text), in every
//! language. Rule refusals carry their own text in the catalog.
//!
//! Messages lead with the thing's name and a colon ("Lining: …") so no language needs grammatical
//! cases of catalog names.

use crate::Lang;

/// Picks the template for `lang` and fills `{0}`, `{1}`, … with `args`.
fn fill(lang: Lang, [en, sv, ru]: [&str; 3], args: &[&str]) -> String {
    let mut s = match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
    .to_owned();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    s
}

pub fn schema(lang: Lang, got: u32, want: u32) -> String {
    fill(
        lang,
        [
            "Schema {0} is not supported here; expected {1}.",
            "Schema {0} stöds inte här; {1} förväntades.",
            "Схема {0} не поддерживается; ожидается {1}.",
        ],
        &[&got.to_string(), &want.to_string()],
    )
}
pub fn unknown(lang: Lang, what: &str, id: &str) -> String {
    fill(
        lang,
        [
            "Unknown {0} “{1}”.",
            "Okänd {0} ”{1}”.",
            "Неизвестное значение «{1}» ({0}).",
        ],
        &[what, id],
    )
}
pub fn missing_part(lang: Lang, part: &str) -> String {
    fill(
        lang,
        [
            "{0}: a choice is required.",
            "{0}: ett val krävs.",
            "{0}: нужно сделать выбор.",
        ],
        &[part],
    )
}
pub fn extra_part(lang: Lang, id: &str) -> String {
    fill(
        lang,
        [
            "This product has no part “{0}”.",
            "Produkten har ingen del ”{0}”.",
            "У изделия нет детали «{0}».",
        ],
        &[id],
    )
}
pub fn material_not_offered(lang: Lang, part: &str, material: &str) -> String {
    fill(
        lang,
        [
            "{0}: {1} is not offered for this part.",
            "{0}: {1} erbjuds inte för den här delen.",
            "{0}: материал «{1}» для этой детали не предлагается.",
        ],
        &[part, material],
    )
}
pub fn colour_not_made(lang: Lang, material: &str, colour: &str) -> String {
    fill(
        lang,
        [
            "{0} is not made in the colour “{1}”.",
            "{0} tillverkas inte i färgen ”{1}”.",
            "{0}: цвет «{1}» не производится.",
        ],
        &[material, colour],
    )
}
pub fn motif_not_offered(lang: Lang, part: &str, motif: &str) -> String {
    fill(
        lang,
        [
            "{0}: the motif “{1}” is not offered for this part.",
            "{0}: mönstret ”{1}” erbjuds inte för den här delen.",
            "{0}: узор «{1}» для этой детали не предлагается.",
        ],
        &[part, motif],
    )
}
pub fn colour2_missing(lang: Lang, motif: &str) -> String {
    fill(
        lang,
        [
            "{0} needs a second colour.",
            "{0} kräver en andra färg.",
            "Для узора «{0}» нужен второй цвет.",
        ],
        &[motif],
    )
}
pub fn colour2_unused(lang: Lang, motif: &str) -> String {
    fill(
        lang,
        [
            "{0} has no second colour.",
            "{0} har ingen andra färg.",
            "У узора «{0}» нет второго цвета.",
        ],
        &[motif],
    )
}
pub fn colour2_same(lang: Lang) -> String {
    fill(
        lang,
        [
            "The second colour must differ from the first.",
            "Den andra färgen måste skilja sig från den första.",
            "Второй цвет должен отличаться от первого.",
        ],
        &[],
    )
}
pub fn param_range(lang: Lang, what: &str, min: u16, max: u16, step: u16) -> String {
    fill(
        lang,
        [
            "{0} must be between {1} and {2}, in steps of {3}.",
            "{0} måste vara mellan {1} och {2}, i steg om {3}.",
            "{0}: допустимо от {1} до {2} с шагом {3}.",
        ],
        &[what, &min.to_string(), &max.to_string(), &step.to_string()],
    )
}
pub fn param_fixed(lang: Lang, what: &str, motif: &str, neutral: u16) -> String {
    fill(
        lang,
        [
            "{1} has no {0} setting; it must be {2}.",
            "{1} har ingen inställning för {0}; värdet måste vara {2}.",
            "У узора «{1}» нет параметра «{0}»; значение должно быть {2}.",
        ],
        &[what, motif, &neutral.to_string()],
    )
}
pub fn scale_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "scale",
        Lang::Sv => "skala",
        Lang::Ru => "масштаб",
    }
}
pub fn angle_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "angle",
        Lang::Sv => "vinkel",
        Lang::Ru => "угол",
    }
}
pub fn closure_not_offered(lang: Lang, closure: &str) -> String {
    fill(
        lang,
        [
            "{0} is not offered for this product.",
            "{0} erbjuds inte för den här produkten.",
            "«{0}» для этого изделия не предлагается.",
        ],
        &[closure],
    )
}
pub fn placement_not_on_product(lang: Lang, placement: &str) -> String {
    fill(
        lang,
        [
            "“{0}” is not a place on this product.",
            "”{0}” är ingen plats på den här produkten.",
            "«{0}» — такого места на этом изделии нет.",
        ],
        &[placement],
    )
}
pub fn method_colour(lang: Lang, method: &str, colour: &str) -> String {
    fill(
        lang,
        [
            "{0} is not done in “{1}”.",
            "{0} görs inte i ”{1}”.",
            "{0}: цвет «{1}» недоступен.",
        ],
        &[method, colour],
    )
}
pub fn monogram_empty(lang: Lang) -> String {
    fill(
        lang,
        [
            "The monogram needs at least one letter or digit.",
            "Monogrammet behöver minst en bokstav eller siffra.",
            "В монограмме должна быть хотя бы одна буква или цифра.",
        ],
        &[],
    )
}
pub fn monogram_too_long(lang: Lang, max: u32, got: usize) -> String {
    fill(
        lang,
        [
            "At most {0} characters fit on this size; this text has {1}.",
            "Högst {0} tecken får plats i den här storleken; texten har {1}.",
            "На этом размере помещается не больше {0} символов, а в тексте {1}.",
        ],
        &[&max.to_string(), &got.to_string()],
    )
}
pub fn monogram_control(lang: Lang) -> String {
    fill(
        lang,
        [
            "The monogram contains invisible control characters.",
            "Monogrammet innehåller osynliga styrtecken.",
            "Монограмма содержит невидимые управляющие символы.",
        ],
        &[],
    )
}
pub fn monogram_bidi(lang: Lang) -> String {
    fill(
        lang,
        [
            "The monogram contains text-direction control characters.",
            "Monogrammet innehåller tecken som styr textriktningen.",
            "Монограмма содержит символы управления направлением текста.",
        ],
        &[],
    )
}
pub fn monogram_char(lang: Lang, ch: char) -> String {
    fill(
        lang,
        [
            "“{0}” cannot be made; use letters, digits, spaces and . & ' -",
            "”{0}” kan inte göras; använd bokstäver, siffror, mellanslag och . & ' -",
            "Символ «{0}» нельзя изготовить; используйте буквы, цифры, пробелы и . & ' -",
        ],
        &[&ch.to_string()],
    )
}
pub fn font_lacks_char(lang: Lang, font: &str, ch: char) -> String {
    fill(
        lang,
        [
            "The {0} font has no letter “{1}”.",
            "Typsnittet {0} saknar tecknet ”{1}”.",
            "В шрифте «{0}» нет символа «{1}».",
        ],
        &[font, &ch.to_string()],
    )
}
pub fn monogram_blocked(lang: Lang) -> String {
    fill(
        lang,
        [
            "We can't make this text. Please choose another.",
            "Den här texten kan vi inte göra. Välj en annan.",
            "Этот текст мы изготовить не можем. Выберите другой.",
        ],
        &[],
    )
}

/// Kind words used in `unknown()`.
pub fn kind(lang: Lang, k: &str) -> String {
    let [en, sv, ru] = match k {
        "product" => ["product", "produkt", "изделие"],
        "size" => ["size", "storlek", "размер"],
        "material" => ["material", "material", "материал"],
        "colour" => ["colour", "färg", "цвет"],
        "motif" => ["motif", "mönster", "узор"],
        "font" => ["font", "typsnitt", "шрифт"],
        "method" => ["method", "metod", "способ"],
        "placement" => ["placement", "placering", "размещение"],
        "closure" => ["closure", "stängning", "застёжка"],
        "hardware" => ["hardware", "beslag", "фурнитура"],
        other => [other, other, other],
    };
    fill(lang, [en, sv, ru], &[])
}
