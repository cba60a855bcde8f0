//! Every interface string in English, Swedish and Russian.
//!
//! A small typed table instead of the `leptos_i18n` crate: the app has about a
//! hundred strings, and a `match` that returns `[en, sv, ru]` for each key makes
//! the compiler refuse a key without all three translations (exhaustive match,
//! fixed array length), with no build-time code generation and no extra wasm.
//! Catalog names (materials, colours, ...) are translated in the catalog itself.
//! Counted nouns ("1 like", "2 лайка", "5 лайков") take their form from the browser's
//! `Intl.PluralRules` (CLDR), so no plural tables are compiled into the wasm.

use leptos::prelude::*;
use stitchfork_model::Lang;

/// The language the user chose, shared through Leptos context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The current language (tracked, so views re-render on a switch).
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// The current language, without subscribing (for event handlers).
    pub fn lang_untracked(self) -> Lang {
        self.0.get_untracked()
    }

    /// The string for `key` in the current language (tracked).
    pub fn t(self, key: K) -> &'static str {
        t(self.0.get(), key)
    }
}

/// The i18n context provided by the app root.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n(RwSignal::new(Lang::En)))
}

/// BCP 47 tag for `Intl` and the `lang` attribute.
pub fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Sv => "sv-SE",
        Lang::Ru => "ru-RU",
    }
}

/// The short tag stored in localStorage and used in the switcher.
pub fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Sv => "sv",
        Lang::Ru => "ru",
    }
}

/// A language's own name, shown the same in every interface language.
pub fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Sv => "Svenska",
        Lang::Ru => "Русский",
    }
}

/// A licence's name: its publisher's short name, or "all rights reserved" in `lang`.
pub fn licence_name(lang: Lang, licence: stitchfork_api::Licence) -> &'static str {
    licence
        .short_name()
        .unwrap_or_else(|| t(lang, K::AllRightsReserved))
}

/// Looks a string up.
pub fn t(lang: Lang, key: K) -> &'static str {
    let [en, sv, ru] = table(key);
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
}

/// Keys of the interface strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    SkipToContent,
    NavGallery,
    NavCreate,
    OtherProducts,
    NavMe,
    Language,
    Tagline,
    // gallery
    GalleryTitle,
    Search,
    SearchPlaceholder,
    FilterProduct,
    FilterMaterial,
    FilterColour,
    FilterTag,
    Any,
    Sort,
    SortNew,
    SortPopular,
    SortTrending,
    SortForks,
    LoadMore,
    NoResults,
    Loading,
    Filters,
    By,
    // customizer
    CustomizeTitle,
    Size,
    Material,
    Colour,
    Motif,
    SecondColour,
    Scale,
    Angle,
    Monogram,
    AddMonogram,
    MonogramText,
    Font,
    Method,
    Placement,
    Closure,
    Hardware,
    Undo,
    Redo,
    Price,
    Total,
    Publish,
    ShareDraft,
    LinkCopied,
    DraftRestored,
    StartOver,
    FixBeforePublish,
    AddToCart,
    PreviewLabel,
    ForkingFrom,
    UnknownProduct,
    // publish dialog
    PublishHeading,
    Title,
    Description,
    Tags,
    TagsHint,
    AuthorName,
    Cancel,
    Publishing,
    TitleRequired,
    // pattern page
    ForkedFrom,
    Removed,
    WhatChanged,
    NoChanges,
    FamilyTree,
    Fork,
    Like,
    Unlike,
    Share,
    CopyLink,
    CutSheet,
    QrLabel,
    OriginalPattern,
    // me
    MyPatterns,
    NoPatterns,
    UnpublishedNotice,
    Edit,
    Save,
    Saved,
    Unpublish,
    ConfirmUnpublish,
    YourDraft,
    Published,
    ContinueDraft,
    NoDraft,
    KeysNote,
    // errors
    ErrNetwork,
    ErrFixFields,
    ErrNotFound,
    ErrNoPermission,
    ErrSlowDown,
    ErrLater,
    ErrStorageFull,
    PatternUnavailable,
    ErrTooLarge,
    ErrChanged,
    ErrConflict,
    SameAsParent,
    OpenParent,
    Licence,
    AllRightsReserved,
    CreditChain,
    // made items
    MadeBy,
    MadeFrom,
    ClaimHeading,
    ClaimCode,
    Claim,
    ClaimedBySomeone,
    WrongClaimCode,
    YouOwnThis,
    YourNote,
    Rating,
    NoRating,
    AddNote,
    OwnersSay,
    NoNotesYet,
    MadeTimes,
    RatedAverage,
    Dismiss,
    DraftSafe,
    Retry,
    PageNotFound,
    ChunkFailedTitle,
    Care,
    ChunkFailedHelp,
    // retailer catalogs
    CatalogUnavailable,
    CatalogChanged,
    Discontinued,
    NowForbidden,
    PriceChanged,
    NavShops,
    CatalogPageTitle,
    CatalogIntro,
    CatalogJson,
    CatalogIdLabel,
    CatalogKeyLabel,
    CheckPreview,
    CreateCatalog,
    UploadVersion,
    LoadLatest,
    KeyShownOnce,
    Versions,
    ProblemsFound,
    CatalogOk,
    VersionLive,
    EmbedSnippet,
    SchemaLink,
    CutSheetShort,
    StartFromExample,
    // offline
    ErrOffline,
    OfflineBanner,
    OutboxHeading,
    OutboxNote,
    OutboxWaiting,
    OutboxRefused,
    OutboxBadge,
    PublishNow,
    CancelPublish,
    CutSheetHeading,
    Print,
    Close,
}

const fn table(key: K) -> [&'static str; 3] {
    match key {
        K::SkipToContent => ["Skip to content", "Hoppa till innehållet", "Перейти к содержимому"],
        K::NavGallery => ["Gallery", "Galleri", "Галерея"],
        K::NavCreate => ["Design your own", "Designa din egen", "Создать свой"],
        K::OtherProducts => ["Also to design:", "Designa också:", "Можно создать также:"],
        K::NavMe => ["My patterns", "Mina mönster", "Мои узоры"],
        K::Language => ["Language", "Språk", "Язык"],
        K::Tagline => [
            "Design a laptop sleeve, share it, fork what others made.",
            "Designa ett datorfodral, dela det, forka det andra gjort.",
            "Создайте чехол для ноутбука, поделитесь им, развивайте чужие идеи.",
        ],
        K::GalleryTitle => ["Patterns by our community", "Mönster från vår gemenskap", "Узоры нашего сообщества"],
        K::Search => ["Search", "Sök", "Поиск"],
        K::SearchPlaceholder => ["Title, author or tag", "Titel, skapare eller tagg", "Название, автор или тег"],
        K::FilterProduct => ["Product", "Produkt", "Изделие"],
        K::FilterMaterial => ["Material", "Material", "Материал"],
        K::FilterColour => ["Colour", "Färg", "Цвет"],
        K::FilterTag => ["Tag", "Tagg", "Тег"],
        K::Any => ["Any", "Alla", "Любой"],
        K::Sort => ["Sort by", "Sortera efter", "Сортировка"],
        K::SortNew => ["Newest", "Nyast", "Новые"],
        K::SortPopular => ["Most liked", "Mest gillade", "Популярные"],
        K::SortTrending => ["Trending", "Trendande", "В тренде"],
        K::SortForks => ["Most forked", "Mest forkade", "Больше всего форков"],
        K::LoadMore => ["Show more", "Visa fler", "Показать ещё"],
        K::NoResults => [
            "No patterns match. Try fewer filters.",
            "Inga mönster matchar. Prova färre filter.",
            "Ничего не найдено. Попробуйте убрать фильтры.",
        ],
        K::Loading => ["Loading…", "Laddar…", "Загрузка…"],
        K::Filters => ["Filters", "Filter", "Фильтры"],
        K::By => ["by", "av", "автор:"],
        K::CustomizeTitle => ["Design your sleeve", "Designa ditt fodral", "Создайте свой чехол"],
        K::Size => ["Size", "Storlek", "Размер"],
        K::Material => ["Material", "Material", "Материал"],
        K::Colour => ["Colour", "Färg", "Цвет"],
        K::Motif => ["Motif", "Mönster", "Узор"],
        K::SecondColour => ["Second colour", "Andra färg", "Второй цвет"],
        K::Scale => ["Scale", "Skala", "Масштаб"],
        K::Angle => ["Angle", "Vinkel", "Угол"],
        K::Monogram => ["Monogram", "Monogram", "Монограмма"],
        K::AddMonogram => ["Add a monogram", "Lägg till monogram", "Добавить монограмму"],
        K::MonogramText => ["Letters", "Bokstäver", "Буквы"],
        K::Font => ["Font", "Typsnitt", "Шрифт"],
        K::Method => ["Method", "Metod", "Способ"],
        K::Placement => ["Placement", "Placering", "Расположение"],
        K::Closure => ["Closure", "Stängning", "Застёжка"],
        K::Hardware => ["Hardware colour", "Beslagsfärg", "Цвет фурнитуры"],
        K::Undo => ["Undo", "Ångra", "Отменить"],
        K::Redo => ["Redo", "Gör om", "Повторить"],
        K::Price => ["Price", "Pris", "Цена"],
        K::Total => ["Total", "Totalt", "Итого"],
        K::Publish => ["Publish as a pattern", "Publicera som mönster", "Опубликовать узор"],
        K::ShareDraft => ["Copy link to this design", "Kopiera länk till designen", "Скопировать ссылку на дизайн"],
        K::LinkCopied => ["Link copied", "Länken kopierad", "Ссылка скопирована"],
        K::DraftRestored => [
            "Your saved design was restored.",
            "Din sparade design återställdes.",
            "Ваш сохранённый дизайн восстановлен.",
        ],
        K::StartOver => ["Start over", "Börja om", "Начать заново"],
        K::FixBeforePublish => [
            "Fix these before publishing:",
            "Åtgärda detta innan du publicerar:",
            "Исправьте перед публикацией:",
        ],
        K::AddToCart => ["Add to cart", "Lägg i varukorgen", "В корзину"],
        K::PreviewLabel => ["Preview of your design", "Förhandsvisning av din design", "Предпросмотр вашего дизайна"],
        K::ForkingFrom => ["You are forking", "Du forkar", "Вы создаёте форк узора"],
        K::UnknownProduct => [
            "This product does not exist.",
            "Den här produkten finns inte.",
            "Такого изделия нет.",
        ],
        K::PublishHeading => ["Publish your pattern", "Publicera ditt mönster", "Публикация узора"],
        K::Title => ["Title", "Titel", "Название"],
        K::Description => ["Description", "Beskrivning", "Описание"],
        K::Tags => ["Tags", "Taggar", "Теги"],
        K::TagsHint => ["Separate with commas", "Separera med kommatecken", "Через запятую"],
        K::AuthorName => ["Your name", "Ditt namn", "Ваше имя"],
        K::Cancel => ["Cancel", "Avbryt", "Отмена"],
        K::Publishing => ["Publishing…", "Publicerar…", "Публикуем…"],
        K::TitleRequired => ["Give your pattern a title.", "Ge ditt mönster en titel.", "Дайте узору название."],
        K::ForkedFrom => ["Forked from", "Forkad från", "Форк узора"],
        K::Removed => ["a removed pattern", "ett borttaget mönster", "удалённого узора"],
        K::WhatChanged => ["What changed", "Vad som ändrats", "Что изменено"],
        K::NoChanges => [
            "Nothing changed from the parent.",
            "Inget ändrat jämfört med föregångaren.",
            "Ничего не изменено по сравнению с исходным.",
        ],
        K::FamilyTree => ["Family tree", "Släktträd", "Родословная"],
        K::Fork => ["Fork this pattern", "Forka mönstret", "Создать форк"],
        K::Like => ["Like", "Gilla", "Нравится"],
        K::Unlike => ["Liked", "Gillad", "Понравилось"],
        K::Share => ["Share", "Dela", "Поделиться"],
        K::CopyLink => ["Copy link", "Kopiera länk", "Копировать ссылку"],
        K::CutSheet => ["Cut sheet", "Tillskärningsark", "Раскройный лист"],
        K::QrLabel => ["QR code for this pattern's link", "QR-kod för mönstrets länk", "QR-код ссылки на узор"],
        K::OriginalPattern => ["An original pattern", "Ett originalmönster", "Оригинальный узор"],
        K::MyPatterns => ["My patterns", "Mina mönster", "Мои узоры"],
        K::NoPatterns => [
            "You have not published anything from this browser yet.",
            "Du har inte publicerat något från den här webbläsaren än.",
            "Вы ещё ничего не публиковали из этого браузера.",
        ],
        K::Edit => ["Edit", "Redigera", "Изменить"],
        K::Save => ["Save", "Spara", "Сохранить"],
        K::Saved => ["Saved", "Sparat", "Сохранено"],
        K::Unpublish => ["Unpublish", "Avpublicera", "Снять с публикации"],
        K::UnpublishedNotice => ["Unpublished", "Avpublicerat", "Снято с публикации"],
        K::ConfirmUnpublish => [
            "Really unpublish? Forks keep their credit.",
            "Vill du verkligen avpublicera? Forkar behåller sitt omnämnande.",
            "Снять с публикации? Форки сохранят ссылку.",
        ],
        K::YourDraft => ["Your draft", "Ditt utkast", "Ваш черновик"],
        K::Published => ["Published", "Publicerade", "Опубликованные"],
        K::ContinueDraft => ["Continue designing", "Fortsätt designa", "Продолжить"],
        K::NoDraft => ["No draft in progress.", "Inget pågående utkast.", "Черновиков нет."],
        K::KeysNote => [
            "Edit keys are kept in this browser only. Clearing site data loses them.",
            "Redigeringsnycklar sparas bara i den här webbläsaren. Rensas webbplatsdata försvinner de.",
            "Ключи редактирования хранятся только в этом браузере. Очистка данных сайта их удалит.",
        ],
        K::ErrNetwork => [
            "Could not reach Stitchfork. Check your connection and try again.",
            "Kunde inte nå Stitchfork. Kontrollera anslutningen och försök igen.",
            "Не удалось связаться со Stitchfork. Проверьте соединение и попробуйте снова.",
        ],
        K::ErrFixFields => [
            "Some fields need attention. Fix them and try again.",
            "Vissa fält behöver åtgärdas. Rätta dem och försök igen.",
            "Некоторые поля заполнены неверно. Исправьте и попробуйте снова.",
        ],
        K::ErrNotFound => [
            "Not found. It may have been unpublished, or the link is wrong.",
            "Hittades inte. Det kan ha avpublicerats, eller så är länken fel.",
            "Не найдено. Возможно, узор снят с публикации или ссылка неверна.",
        ],
        K::ErrNoPermission => [
            "This browser does not hold the edit key for that pattern.",
            "Den här webbläsaren har inte redigeringsnyckeln för mönstret.",
            "В этом браузере нет ключа редактирования этого узора.",
        ],
        K::ErrSlowDown => [
            "Too many requests. Wait a minute and try again.",
            "För många förfrågningar. Vänta en minut och försök igen.",
            "Слишком много запросов. Подождите минуту и попробуйте снова.",
        ],
        K::ErrLater => [
            "Something went wrong on our side. Try again later.",
            "Något gick fel hos oss. Försök igen senare.",
            "У нас что-то пошло не так. Попробуйте позже.",
        ],
        K::DraftSafe => [
            "Your design is saved on this device.",
            "Din design är sparad på den här enheten.",
            "Ваш дизайн сохранён на этом устройстве.",
        ],
        K::PatternUnavailable => [
            "This pattern cannot be shown",
            "Mönstret kan inte visas",
            "Этот узор не удаётся показать",
        ],
        K::ErrStorageFull => [
            "Our storage is full, so nothing was saved. Try again in a minute.",
            "Vårt lagringsutrymme är fullt, så inget sparades. Försök igen om en minut.",
            "Наше хранилище заполнено, ничего не сохранено. Попробуйте через минуту.",
        ],
        K::ErrTooLarge => [
            "That is more text than we can take. Shorten it and try again.",
            "Det är mer text än vi kan ta emot. Korta den och försök igen.",
            "Слишком много текста. Сократите его и попробуйте снова.",
        ],
        K::ErrChanged => [
            "It was changed elsewhere in the meantime. Reload and try again.",
            "Det ändrades någon annanstans under tiden. Ladda om och försök igen.",
            "Тем временем его изменили в другом месте. Обновите страницу и попробуйте снова.",
        ],
        K::SameAsParent => [
            "This fork is identical to the pattern it came from, so it would not be a new pattern. Change something first, or share the original.",
            "Den här forken är identisk med mönstret den kom från, så den vore inget nytt mönster. Ändra något först, eller dela originalet.",
            "Этот форк совпадает с узором, из которого он создан, и новым узором не станет. Сначала измените что-нибудь или поделитесь оригиналом.",
        ],
        K::Licence => ["Licence", "Licens", "Лицензия"],
        K::MadeBy => ["Made by", "Tillverkad av", "Изготовитель:"],
        K::MadeFrom => ["Made from the pattern", "Tillverkad efter mönstret", "Сделано по узору"],
        K::ClaimHeading => ["Is this yours?", "Är den här din?", "Это ваша вещь?"],
        K::ClaimCode => ["Code on the label", "Koden på etiketten", "Код на этикетке"],
        K::Claim => ["Claim this item", "Gör anspråk på den", "Это моё"],
        K::WrongClaimCode => [
            "That is not this item's code. Check the label and try again.",
            "Det är inte den här produktens kod. Titta på etiketten och försök igen.",
            "Это не код этой вещи. Проверьте этикетку и попробуйте ещё раз.",
        ],
        K::ClaimedBySomeone => ["This item has an owner.", "Den här har en ägare.", "У этой вещи есть владелец."],
        K::YouOwnThis => ["You own this item: tell others how it wears.", "Du äger den här: berätta hur den håller.", "Это ваша вещь: расскажите, как она носится."],
        K::YourNote => ["Your note", "Din anteckning", "Ваша заметка"],
        K::Rating => ["Rating", "Betyg", "Оценка"],
        K::NoRating => ["No rating", "Inget betyg", "Без оценки"],
        K::AddNote => ["Add note", "Lägg till anteckning", "Добавить заметку"],
        K::OwnersSay => ["What owners say", "Vad ägarna säger", "Что говорят владельцы"],
        K::NoNotesYet => ["No notes yet.", "Inga anteckningar ännu.", "Заметок пока нет."],
        K::MadeTimes => ["Made", "Tillverkad", "Изготовлено"],
        K::RatedAverage => ["Average rating", "Snittbetyg", "Средняя оценка"],
        K::AllRightsReserved => ["All rights reserved", "Alla rättigheter förbehållna", "Все права защищены"],
        K::CreditChain => ["Built on", "Bygger på", "Основан на"],
        K::OpenParent => ["Open the original pattern", "Öppna originalmönstret", "Открыть оригинальный узор"],
        K::ErrConflict => [
            "That is already done.",
            "Det är redan gjort.",
            "Это уже сделано.",
        ],
        K::Dismiss => ["Dismiss", "Stäng", "Закрыть"],
        K::Retry => ["Try again", "Försök igen", "Повторить"],
        K::PageNotFound => ["Page not found", "Sidan hittades inte", "Страница не найдена"],
        K::Care => ["Care", "Skötsel", "Уход"],
        K::ChunkFailedTitle => [
            "This page could not be loaded",
            "Sidan kunde inte laddas",
            "Не удалось загрузить страницу",
        ],
        K::ChunkFailedHelp => [
            "Part of Stitchfork did not arrive. Check your connection and try again.",
            "En del av Stitchfork kom inte fram. Kontrollera anslutningen och försök igen.",
            "Часть Stitchfork не загрузилась. Проверьте подключение и повторите попытку.",
        ],
        K::CatalogUnavailable => [
            "This catalog could not be opened",
            "Katalogen kunde inte öppnas",
            "Не удалось открыть каталог",
        ],
        K::CatalogChanged => [
            "The catalog has changed since this pattern was published",
            "Katalogen har ändrats sedan mönstret publicerades",
            "Каталог изменился после публикации узора",
        ],
        K::Discontinued => [
            "No longer offered",
            "Erbjuds inte längre",
            "Больше не предлагается",
        ],
        K::NowForbidden => [
            "No longer allowed with your other choices",
            "Inte längre tillåtet med dina övriga val",
            "Больше не сочетается с другими вариантами",
        ],
        K::PriceChanged => [
            "Price",
            "Pris",
            "Цена",
        ],
        K::NavShops => [
            "For shops",
            "För butiker",
            "Магазинам",
        ],
        K::CatalogPageTitle => [
            "Your products, as a catalog",
            "Dina produkter som katalog",
            "Ваши товары в виде каталога",
        ],
        K::CatalogIntro => [
            "Paste or edit your catalog's JSON, check it, see every product at every size, then publish it. Patterns keep the version they were made with.",
            "Klistra in eller redigera katalogens JSON, kontrollera den, se varje produkt i varje storlek och publicera den. Mönster behåller versionen de gjordes med.",
            "Вставьте или измените JSON каталога, проверьте его, посмотрите каждый товар в каждом размере и опубликуйте. Узоры сохраняют версию, в которой созданы.",
        ],
        K::CatalogJson => [
            "Catalog JSON",
            "Katalogens JSON",
            "JSON каталога",
        ],
        K::CatalogIdLabel => [
            "Catalog id",
            "Katalog-id",
            "Идентификатор каталога",
        ],
        K::CatalogKeyLabel => [
            "Catalog key (for new versions)",
            "Katalognyckel (för nya versioner)",
            "Ключ каталога (для новых версий)",
        ],
        K::CheckPreview => [
            "Check and preview",
            "Kontrollera och förhandsgranska",
            "Проверить и посмотреть",
        ],
        K::CreateCatalog => [
            "Create catalog",
            "Skapa katalog",
            "Создать каталог",
        ],
        K::UploadVersion => [
            "Publish new version",
            "Publicera ny version",
            "Опубликовать новую версию",
        ],
        K::LoadLatest => [
            "Load the latest version",
            "Hämta senaste versionen",
            "Загрузить последнюю версию",
        ],
        K::KeyShownOnce => [
            "Your catalog key, shown only once: keep it for new versions.",
            "Din katalognyckel, visas bara en gång: spara den för nya versioner.",
            "Ключ каталога, показан один раз: сохраните его для новых версий.",
        ],
        K::Versions => [
            "Versions",
            "Versioner",
            "Версии",
        ],
        K::ProblemsFound => [
            "Problems to fix",
            "Problem att rätta",
            "Что нужно исправить",
        ],
        K::CatalogOk => [
            "No problems found.",
            "Inga problem hittades.",
            "Проблем не найдено.",
        ],
        K::VersionLive => [
            "This version is live:",
            "Den här versionen gäller nu:",
            "Эта версия опубликована:",
        ],
        K::EmbedSnippet => [
            "Put it in your shop",
            "Lägg in den i din butik",
            "Добавьте в свой магазин",
        ],
        K::SchemaLink => [
            "The catalog's JSON Schema",
            "Katalogens JSON-schema",
            "JSON-схема каталога",
        ],
        K::CutSheetShort => [
            "Cut sheet",
            "Tillskärning",
            "Раскрой",
        ],
        K::StartFromExample => [
            "Start from the example catalog",
            "Börja från exempelkatalogen",
            "Начать с примера каталога",
        ],
        K::ErrOffline => [
            "You are offline. This needs a connection; designing works without one.",
            "Du är offline. Det här kräver en anslutning; att designa fungerar utan.",
            "Нет подключения к сети. Для этого нужна сеть; создавать дизайн можно и без неё.",
        ],
        K::OfflineBanner => [
            "You are offline. You can keep designing; publishing waits for the network.",
            "Du är offline. Du kan fortsätta designa; publiceringen väntar på nätverket.",
            "Нет сети. Можно продолжать работу над дизайном; публикация дождётся подключения.",
        ],
        K::OutboxHeading => ["Waiting to publish", "Väntar på publicering", "Ожидают публикации"],
        K::OutboxNote => [
            "These publish by themselves, once each, when this device is back online.",
            "De publiceras av sig själva, en gång var, när enheten är online igen.",
            "Они опубликуются сами, каждый один раз, когда устройство снова будет в сети.",
        ],
        K::OutboxWaiting => ["Waiting for the network", "Väntar på nätverket", "Ожидает сети"],
        K::OutboxRefused => ["Not published:", "Inte publicerat:", "Не опубликовано:"],
        K::OutboxBadge => ["Waiting to publish:", "Väntar på publicering:", "Ожидают публикации:"],
        K::PublishNow => ["Publish now", "Publicera nu", "Опубликовать сейчас"],
        K::CancelPublish => ["Cancel publishing", "Avbryt publiceringen", "Отменить публикацию"],
        K::CutSheetHeading => [
            "Cut sheet of this design",
            "Tillskärningsark för den här designen",
            "Раскрой этого дизайна",
        ],
        K::Print => ["Print", "Skriv ut", "Печать"],
        K::Close => ["Close", "Stäng", "Закрыть"],
    }
}

/// Nouns shown with a count, in every plural form the language has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noun {
    Likes,
    Forks,
    Problems,
    Patterns,
}

/// The forms by CLDR category: en and sv have one/other, ru one/few/many/other.
fn forms(noun: Noun) -> ([&'static str; 2], [&'static str; 2], [&'static str; 4]) {
    match noun {
        Noun::Likes => (
            ["like", "likes"],
            ["gillning", "gillningar"],
            ["лайк", "лайка", "лайков", "лайка"],
        ),
        Noun::Forks => (
            ["fork", "forks"],
            ["fork", "forkar"],
            ["форк", "форка", "форков", "форка"],
        ),
        Noun::Problems => (
            ["problem", "problems"],
            ["problem", "problem"],
            ["проблема", "проблемы", "проблем", "проблемы"],
        ),
        Noun::Patterns => (
            ["pattern", "patterns"],
            ["mönster", "mönster"],
            ["узор", "узора", "узоров", "узора"],
        ),
    }
}

/// The form of `noun` for a CLDR plural category ("one", "few", "many", "other", ...).
pub fn form(lang: Lang, noun: Noun, category: &str) -> &'static str {
    let (en, sv, ru) = forms(noun);
    let two = |[one, other]: [&'static str; 2]| if category == "one" { one } else { other };
    match lang {
        Lang::En => two(en),
        Lang::Sv => two(sv),
        Lang::Ru => match category {
            "one" => ru[0],
            "few" => ru[1],
            "many" => ru[2],
            _ => ru[3],
        },
    }
}

/// "1 like", "3 gillningar", "21 лайк", "5 лайков": the count with its noun in the right form.
pub fn count(lang: Lang, noun: Noun, n: i64) -> String {
    // The browser knows CLDR's rules; a Rust table would be kilobytes of wasm.
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale(lang)));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    let category = String::from(rules.select(n as f64));
    format!("{n} {}", form(lang, noun, &category))
}

/// A more precise sentence for an API error code than its advice, where there is one. The
/// server's own `message` is English for clients of the API; the app says it in the user's language.
pub fn code_key(code: &str) -> Option<K> {
    match code {
        "storage_full" => Some(K::ErrStorageFull),
        "payload_too_large" => Some(K::ErrTooLarge),
        "precondition_failed" => Some(K::ErrChanged),
        "conflict" => Some(K::ErrConflict),
        _ => None,
    }
}

/// The message for an API error's advice.
pub fn advice_key(advice: crate::api::Advice) -> K {
    use crate::api::Advice;
    match advice {
        Advice::Offline => K::ErrOffline,
        Advice::Retry => K::ErrNetwork,
        Advice::FixFields => K::ErrFixFields,
        Advice::NotFound => K::ErrNotFound,
        Advice::NoPermission => K::ErrNoPermission,
        Advice::SlowDown => K::ErrSlowDown,
        Advice::Later => K::ErrLater,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_for_translated_words() {
        assert_eq!(t(Lang::En, K::NavGallery), "Gallery");
        assert_eq!(t(Lang::Sv, K::NavGallery), "Galleri");
        assert_eq!(t(Lang::Ru, K::NavGallery), "Галерея");
    }

    #[test]
    fn plural_forms_follow_the_cldr_category() {
        assert_eq!(form(Lang::En, Noun::Likes, "one"), "like");
        assert_eq!(form(Lang::En, Noun::Likes, "other"), "likes");
        assert_eq!(form(Lang::Sv, Noun::Forks, "other"), "forkar");
        assert_eq!(form(Lang::Ru, Noun::Likes, "one"), "лайк");
        assert_eq!(form(Lang::Ru, Noun::Likes, "few"), "лайка");
        assert_eq!(form(Lang::Ru, Noun::Likes, "many"), "лайков");
    }
}
