//! Categories of element (kinds of actor) and the sector each belongs to.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Where an element sits on the formal/informal divide, the map's central question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Unpaid, gifted care between neighbours.
    Informal,
    /// Charities, hubs, social enterprises: between informal and formal.
    Voluntary,
    /// Paid, regulated or statutory care.
    Formal,
    /// Not known (a category brought in by an import that matched none of ours).
    Unknown,
}

impl Sector {
    /// Every sector, informal first.
    pub const ALL: [Sector; 4] = [
        Sector::Informal,
        Sector::Voluntary,
        Sector::Formal,
        Sector::Unknown,
    ];

    /// The name used in files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Sector::Informal => "informal",
            Sector::Voluntary => "voluntary",
            Sector::Formal => "formal",
            Sector::Unknown => "unknown",
        }
    }

    /// Reads a sector name (case-insensitive, a few synonyms). Empty text is `None`.
    pub fn parse(text: &str) -> Option<Sector> {
        match super::status::simplify(text).as_str() {
            "informal" | "community" | "gifted" | "unpaid" => Some(Sector::Informal),
            "voluntary" | "vcs" | "vcse" | "thirdsector" | "charitable" => Some(Sector::Voluntary),
            "formal" | "statutory" | "paid" | "public" => Some(Sector::Formal),
            "unknown" | "?" => Some(Sector::Unknown),
            _ => None,
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A kind of element, with the sector its elements belong to unless an element says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// The category's name, unique within a map (compared case-insensitively).
    pub name: String,
    /// The sector of its elements by default.
    pub sector: Sector,
    /// A one-line description for legends and reports.
    #[serde(default)]
    pub description: String,
}

impl Category {
    /// A category with an empty description.
    pub fn new(name: impl Into<String>, sector: Sector) -> Self {
        Category {
            name: name.into(),
            sector,
            description: String::new(),
        }
    }
}

/// The name of the category of individual people, whose consent and display name matter.
pub const INDIVIDUAL: &str = "individual active citizen";
/// The name of the care team category.
pub const CARE_TEAM: &str = "care team";
/// The name of the care circle category.
pub const CARE_CIRCLE: &str = "care circle";
/// The name of the statutory service category.
pub const STATUTORY: &str = "statutory service";
/// The name of the care worker category.
pub const CARE_WORKER: &str = "care worker";

const DEFAULTS: [(&str, Sector, &str); 9] = [
    (
        INDIVIDUAL,
        Sector::Informal,
        "a person who offers time, care or skills informally in the neighbourhood",
    ),
    (
        "grassroots or mutual-aid group",
        Sector::Informal,
        "an informal, volunteer-led group working from local knowledge and trust",
    ),
    (
        "community charity or not-for-profit",
        Sector::Voluntary,
        "a registered charity, CIC or not-for-profit with a care offer",
    ),
    (
        "social enterprise or ethical business",
        Sector::Voluntary,
        "an organisation or business that puts social benefit before profit",
    ),
    (
        "community hub or voluntary organisation",
        Sector::Voluntary,
        "a hub or voluntary body connected into local services",
    ),
    (
        STATUTORY,
        Sector::Formal,
        "NHS, council, or commissioned social care",
    ),
    (
        CARE_TEAM,
        Sector::Formal,
        "a self-managing team around a supported person",
    ),
    (
        CARE_WORKER,
        Sector::Formal,
        "a paid carer or support worker",
    ),
    (
        CARE_CIRCLE,
        Sector::Formal,
        "the coordinating hub of the care network",
    ),
];

/// The nine default categories with their default sectors.
pub fn default_categories() -> Vec<Category> {
    DEFAULTS
        .iter()
        .map(|(name, sector, description)| Category {
            name: (*name).to_string(),
            sector: *sector,
            description: (*description).to_string(),
        })
        .collect()
}

/// How a category name from a file was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryMatch {
    /// The name is one of the map's categories (perhaps in other case).
    Known(String),
    /// A common spelling of one of the map's categories: (what was written, what it means).
    Recognised {
        /// The text as written in the file.
        written: String,
        /// The category it was taken to mean.
        category: String,
    },
    /// Not one of ours: to be kept as a new category of unknown sector.
    New(String),
    /// No category was given.
    Empty,
}

/// Common ways people write the default categories, after [`normalise`].
const SYNONYMS: [(&str, &str); 60] = [
    ("individual", INDIVIDUAL),
    ("person", INDIVIDUAL),
    ("people", INDIVIDUAL),
    ("citizen", INDIVIDUAL),
    ("active citizen", INDIVIDUAL),
    ("individual citizen", INDIVIDUAL),
    ("resident", INDIVIDUAL),
    ("local resident", INDIVIDUAL),
    ("neighbour", INDIVIDUAL),
    ("neighbor", INDIVIDUAL),
    ("volunteer", INDIVIDUAL),
    ("grassroot", "grassroots or mutual-aid group"),
    ("grassroots group", "grassroots or mutual-aid group"),
    ("grassroots organisation", "grassroots or mutual-aid group"),
    ("grassroots organization", "grassroots or mutual-aid group"),
    ("mutual aid", "grassroots or mutual-aid group"),
    ("mutual aid group", "grassroots or mutual-aid group"),
    ("grassroots mutual aid", "grassroots or mutual-aid group"),
    (
        "grassroots mutual aid group",
        "grassroots or mutual-aid group",
    ),
    ("community group", "grassroots or mutual-aid group"),
    ("charity", "community charity or not-for-profit"),
    ("community charity", "community charity or not-for-profit"),
    ("cic", "community charity or not-for-profit"),
    (
        "community interest company",
        "community charity or not-for-profit",
    ),
    ("not for profit", "community charity or not-for-profit"),
    ("nonprofit", "community charity or not-for-profit"),
    ("non profit", "community charity or not-for-profit"),
    (
        "community charity or not for profit",
        "community charity or not-for-profit",
    ),
    (
        "community based charity",
        "community charity or not-for-profit",
    ),
    ("social enterprise", "social enterprise or ethical business"),
    ("ethical business", "social enterprise or ethical business"),
    ("business", "social enterprise or ethical business"),
    ("local business", "social enterprise or ethical business"),
    ("cooperative", "social enterprise or ethical business"),
    ("co operative", "social enterprise or ethical business"),
    ("community hub", "community hub or voluntary organisation"),
    ("hub", "community hub or voluntary organisation"),
    (
        "voluntary organisation",
        "community hub or voluntary organisation",
    ),
    (
        "voluntary organization",
        "community hub or voluntary organisation",
    ),
    (
        "voluntary sector",
        "community hub or voluntary organisation",
    ),
    (
        "community centre",
        "community hub or voluntary organisation",
    ),
    (
        "community center",
        "community hub or voluntary organisation",
    ),
    ("statutory", STATUTORY),
    ("statutory service", STATUTORY),
    ("nhs", STATUTORY),
    ("council", STATUTORY),
    ("local authority", STATUTORY),
    ("public service", STATUTORY),
    ("social care", STATUTORY),
    ("commissioned social care", STATUTORY),
    ("gp", STATUTORY),
    ("team", CARE_TEAM),
    ("domiciliary care team", CARE_TEAM),
    ("self managing team", CARE_TEAM),
    ("careworker", CARE_WORKER),
    ("carer", CARE_WORKER),
    ("paid carer", CARE_WORKER),
    ("support worker", CARE_WORKER),
    ("circle", CARE_CIRCLE),
    ("coordinating hub", CARE_CIRCLE),
];

/// Lower-cases, drops `&`, "and", "or", punctuation and brackets, folds spaces, and makes
/// each word singular ("Mutual-Aid Groups" -> "mutual aid group").
pub fn normalise(text: &str) -> String {
    let lowered = text.trim().to_lowercase().replace('&', " and ");
    let mut cleaned = String::with_capacity(lowered.len());
    let mut depth = 0u32;
    for c in lowered.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => cleaned.push(c),
            _ => cleaned.push(' '),
        }
    }
    // "and" and "or" are dropped: "Social Enterprise & Ethical Business" means our
    // "social enterprise or ethical business".
    cleaned
        .split_whitespace()
        .filter(|w| !matches!(*w, "and" | "or"))
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ")
}

fn singular(word: &str) -> String {
    // Only the plural shapes that occur in category names; "nhs", "cics" and "grassroots" are
    // handled by the synonym list, so a wrong cut there does no harm.
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && word != "nhs" {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Understands a category as written in an imported file against the map's `categories`.
pub fn match_category(categories: &[Category], written: &str) -> CategoryMatch {
    let trimmed = written.trim();
    if trimmed.is_empty() {
        return CategoryMatch::Empty;
    }
    if let Some(c) = categories
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(trimmed))
    {
        return CategoryMatch::Known(c.name.clone());
    }
    let wanted = normalise(trimmed);
    if let Some(c) = categories.iter().find(|c| normalise(&c.name) == wanted) {
        return CategoryMatch::Recognised {
            written: trimmed.to_string(),
            category: c.name.clone(),
        };
    }
    let compact: String = wanted.replace(' ', "");
    for (synonym, category) in SYNONYMS {
        // Synonyms are compared in their normalised form too: "grassroots group" normalises to
        // "grassroot group", as "Grassroots Groups" does.
        let normal = normalise(synonym);
        if normal == wanted || normal.replace(' ', "") == compact {
            if let Some(c) = categories.iter().find(|c| c.name == category) {
                return CategoryMatch::Recognised {
                    written: trimmed.to_string(),
                    category: c.name.clone(),
                };
            }
        }
    }
    // "NHS Trust", "Hackney Council": a word that only names statutory bodies.
    let words: Vec<&str> = wanted.split(' ').collect();
    if words
        .iter()
        .any(|w| matches!(*w, "nhs" | "council" | "statutory"))
    {
        if let Some(c) = categories.iter().find(|c| c.name == STATUTORY) {
            return CategoryMatch::Recognised {
                written: trimmed.to_string(),
                category: c.name.clone(),
            };
        }
    }
    CategoryMatch::New(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> CategoryMatch {
        match_category(&default_categories(), text)
    }

    fn means(text: &str) -> String {
        match m(text) {
            CategoryMatch::Known(c) => c,
            CategoryMatch::Recognised { category, .. } => category,
            other => panic!("{text:?} was not recognised: {other:?}"),
        }
    }

    #[test]
    fn exact_names_in_any_case_are_known() {
        assert_eq!(m("Care Team"), CategoryMatch::Known("care team".into()));
        for c in default_categories() {
            assert_eq!(
                m(&c.name.to_uppercase()),
                CategoryMatch::Known(c.name.clone())
            );
        }
    }

    #[test]
    fn common_spellings_are_recognised() {
        assert_eq!(means("Charity"), "community charity or not-for-profit");
        assert_eq!(means("Charities"), "community charity or not-for-profit");
        assert_eq!(means("Mutual Aid Group"), "grassroots or mutual-aid group");
        assert_eq!(means("mutual-aid groups"), "grassroots or mutual-aid group");
        assert_eq!(
            means("Grassroots or Mutual Aid Groups"),
            "grassroots or mutual-aid group"
        );
        assert_eq!(means("NHS"), "statutory service");
        assert_eq!(means("NHS Trust"), "statutory service");
        assert_eq!(means("Statutory Services"), "statutory service");
        assert_eq!(means("Care Teams"), "care team");
        assert_eq!(means("Individual Active Citizens"), INDIVIDUAL);
        assert_eq!(
            means("Social Enterprise & Ethical Business"),
            "social enterprise or ethical business"
        );
        assert_eq!(means("CIC"), "community charity or not-for-profit");
        assert_eq!(means("Grassroots Groups"), "grassroots or mutual-aid group");
        assert_eq!(means("Community Groups"), "grassroots or mutual-aid group");
        assert_eq!(
            means("Community Hub (voluntary org)"),
            "community hub or voluntary organisation"
        );
    }

    #[test]
    fn unknown_names_are_new_and_empty_is_empty() {
        assert_eq!(m("Library"), CategoryMatch::New("Library".into()));
        assert_eq!(m("  "), CategoryMatch::Empty);
    }

    #[test]
    fn the_index_answers_as_the_plain_matcher_does() {
        let mut categories = default_categories();
        categories.push(Category::new("Public Library", Sector::Voluntary));
        let index = CategoryIndex::build(&categories);
        for written in [
            "Care Team",
            "care teams",
            "Charity",
            "NHS Trust",
            "Grassroots Groups",
            "Library",
            "public library",
            "Public Libraries",
            "",
            "  CIC ",
            "Mutual-aid groups",
            "Knitting",
        ] {
            assert_eq!(
                match_category_indexed(&categories, &index, written),
                match_category(&categories, written),
                "{written:?}"
            );
        }
        // A stale index (the list grew since) falls back to the plain matcher.
        categories.push(Category::new("Allotment", Sector::Informal));
        assert_eq!(
            match_category_indexed(&categories, &index, "allotment"),
            CategoryMatch::Known("Allotment".into())
        );
    }

    #[test]
    fn there_are_nine_defaults_with_the_product_sectors() {
        let d = default_categories();
        assert_eq!(d.len(), 9);
        let sector = |n: &str| d.iter().find(|c| c.name == n).unwrap().sector;
        assert_eq!(sector(INDIVIDUAL), Sector::Informal);
        assert_eq!(
            sector("community hub or voluntary organisation"),
            Sector::Voluntary
        );
        assert_eq!(sector(CARE_CIRCLE), Sector::Formal);
    }
}

/// A lookup of a map's categories by lower-cased and by normalised name, so that reading a file
/// whose rows bring thousands of distinct types stays linear instead of comparing every row with
/// every category. It describes `categories` as they were when built: [`CategoryIndex::fresh`]
/// tells whether it still does, and every hit is checked against the list.
#[derive(Debug, Clone, Default)]
pub struct CategoryIndex {
    len: usize,
    by_lower: HashMap<String, usize>,
    by_normal: HashMap<String, usize>,
}

impl PartialEq for CategoryIndex {
    /// A cache: two maps are equal whatever their indexes hold.
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl CategoryIndex {
    /// The index of `categories`.
    pub fn build(categories: &[Category]) -> Self {
        let mut index = CategoryIndex::default();
        for (i, c) in categories.iter().enumerate() {
            index.add(i, &c.name);
        }
        index.len = categories.len();
        index
    }

    /// Records that `categories[i]` is named `name` (the first of equal names wins).
    pub fn add(&mut self, i: usize, name: &str) {
        self.by_lower.entry(name.to_ascii_lowercase()).or_insert(i);
        self.by_normal.entry(normalise(name)).or_insert(i);
        self.len = self.len.max(i + 1);
    }

    /// True while the index describes a list of `categories`' length.
    pub fn fresh(&self, categories: &[Category]) -> bool {
        self.len == categories.len()
    }

    /// The position of the category named `name` (ASCII case ignored), checked against the list.
    pub fn find(&self, categories: &[Category], name: &str) -> Option<usize> {
        let i = *self.by_lower.get(&name.to_ascii_lowercase())?;
        categories
            .get(i)
            .filter(|c| c.name.eq_ignore_ascii_case(name))
            .map(|_| i)
    }
}

/// Synonyms by written form, to the category they mean.
type SynonymMap = HashMap<String, &'static str>;

/// The synonyms in normalised form, and with spaces removed, made once.
fn synonyms() -> &'static (SynonymMap, SynonymMap) {
    static SYN: OnceLock<(SynonymMap, SynonymMap)> = OnceLock::new();
    SYN.get_or_init(|| {
        let mut normal = HashMap::new();
        let mut compact = HashMap::new();
        for (synonym, category) in SYNONYMS {
            let n = normalise(synonym);
            compact.entry(n.replace(' ', "")).or_insert(category);
            normal.entry(n).or_insert(category);
        }
        (normal, compact)
    })
}

/// [`match_category`] through an index of `categories` (see [`CategoryIndex`]): the same
/// answers in constant time per call.
pub fn match_category_indexed(
    categories: &[Category],
    index: &CategoryIndex,
    written: &str,
) -> CategoryMatch {
    if !index.fresh(categories) {
        return match_category(categories, written);
    }
    let trimmed = written.trim();
    if trimmed.is_empty() {
        return CategoryMatch::Empty;
    }
    if let Some(i) = index.find(categories, trimmed) {
        return CategoryMatch::Known(categories[i].name.clone());
    }
    let recognised = |category: &str| CategoryMatch::Recognised {
        written: trimmed.to_string(),
        category: category.to_string(),
    };
    let wanted = normalise(trimmed);
    if let Some(c) = index
        .by_normal
        .get(&wanted)
        .and_then(|&i| categories.get(i))
    {
        if normalise(&c.name) == wanted {
            return recognised(&c.name);
        }
        return match_category(categories, written);
    }
    let (normal, compact) = synonyms();
    let hit = normal
        .get(&wanted)
        .or_else(|| compact.get(&wanted.replace(' ', "")));
    if let Some(category) = hit {
        if let Some(i) = categories.iter().position(|c| c.name == *category) {
            return recognised(&categories[i].name);
        }
    }
    if wanted
        .split(' ')
        .any(|w| matches!(w, "nhs" | "council" | "statutory"))
    {
        if let Some(c) = categories.iter().find(|c| c.name == STATUTORY) {
            return recognised(&c.name);
        }
    }
    CategoryMatch::New(trimmed.to_string())
}
